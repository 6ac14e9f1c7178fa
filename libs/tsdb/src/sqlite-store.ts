import type { LabeledSample, Labels, Matcher, Series } from '@promethium/model';
import type {
  Appendable,
  Appender,
  IndexStats,
  IndexStatsSource,
  LabelQuerier,
  LabelQueryable,
  Querier,
  Queryable,
} from '@promethium/storage';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { BufferingAppender } from './appender.js';
import type { AppendResult } from './appender.js';
import { InvalidSampleError, StoreClosedError, StoreWriteError } from './errors.js';
import type { TsdbDatabase } from './schema.js';
import { indexStatsOf, labelNamesOf, labelValuesOf } from './label-index.js';
import type { SeriesEntry, SeriesIndex } from './series-index.js';
import type { Statements } from './statements.js';
import { ValueEncoder, decodeSamples } from './value-codec.js';

/** The open handles a store works with; assembled by openSqliteStore. */
export interface StoreParts {
  db: Kysely<TsdbDatabase>;
  conn: BetterSqlite3.Database;
  statements: Statements;
  index: SeriesIndex;
  samples: number;
}

/** What a batch did, held back from the index until its transaction commits. */
interface PendingBatch {
  /** Series the batch created, by label key. */
  created: Map<string, SeriesEntry>;
  /** New time spans of the series the batch wrote to. */
  spans: Map<SeriesEntry, { mint: number; maxt: number }>;
  result: AppendResult;
}

/**
 * A series store in one SQLite file. Obtain it from openSqliteStore. Appends are
 * synchronous transactions behind a Promise, so appends and selects never interleave
 * within one call; a select sees every batch committed before it reads each series.
 */
export class SqliteStore implements Queryable, LabelQueryable, IndexStatsSource, Appendable {
  readonly #parts: StoreParts;
  readonly #encoder = new ValueEncoder();
  #samples: number;
  #closed = false;

  /** Takes ownership of the handles; use openSqliteStore instead of calling this. */
  constructor(parts: StoreParts) {
    this.#parts = parts;
    this.#samples = parts.samples;
  }

  /**
   * Writes a batch in one transaction: all of it or, when it throws, none of it.
   * Duplicate timestamps are counted, never errors; out-of-order samples are stored and
   * counted (this store keeps no head block, so it has no out-of-order window to enforce).
   * Throws InvalidSampleError for an empty label set or a non-integer timestamp, and
   * StoreWriteError when SQLite fails.
   */
  async appendBatch(samples: readonly LabeledSample[]): Promise<AppendResult> {
    this.#assertOpen('append');
    samples.forEach(validate);
    const batch: PendingBatch = {
      created: new Map(),
      spans: new Map(),
      result: { appended: 0, duplicates: 0, outOfOrder: 0 },
    };
    try {
      this.#parts.conn.transaction(() => this.#write(samples, batch))();
    } catch (err) {
      const message = `cannot append ${samples.length} samples: ${(err as Error).message}`;
      throw new StoreWriteError(message, { cause: err });
    }
    // Only now, after COMMIT, may the in-memory index learn about the batch.
    for (const entry of batch.created.values()) this.#parts.index.add(entry);
    for (const [entry, span] of batch.spans) Object.assign(entry, span);
    this.#samples += batch.result.appended;
    return batch.result;
  }

  /** An appender that buffers samples and writes them with appendBatch on commit. */
  appender(): Appender {
    return new BufferingAppender((samples) => this.appendBatch(samples));
  }

  /** A querier over [mint, maxt], both inclusive; it reads the store as it is at each select. */
  querier(mint: number, maxt: number): Querier {
    return { select: (matchers) => this.#select(matchers, mint, maxt) };
  }

  /** A label querier over [mint, maxt]; answered from the in-memory index, never from SQLite. */
  labelQuerier(mint: number, maxt: number): LabelQuerier {
    const entries = () => {
      this.#assertOpen('label query');
      return this.#parts.index.entries();
    };
    return {
      labelNames: async (matchers = []) => labelNamesOf(entries(), matchers, mint, maxt),
      labelValues: async (name, matchers = []) =>
        labelValuesOf(entries(), name, matchers, mint, maxt),
    };
  }

  /** Cardinality of the whole store, from the in-memory index. */
  async indexStats(): Promise<IndexStats> {
    this.#assertOpen('index stats');
    return indexStatsOf(this.#parts.index.entries());
  }

  /** Series and sample counts, from memory. */
  stats(): { series: number; samples: number } {
    return { series: this.#parts.index.size, samples: this.#samples };
  }

  /** Closes the database; later calls throw StoreClosedError. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#parts.db.destroy();
    if (this.#parts.conn.open) this.#parts.conn.close();
  }

  async *#select(matchers: readonly Matcher[], mint: number, maxt: number): AsyncIterable<Series> {
    this.#assertOpen('select');
    for (const entry of this.#parts.index.select(matchers, mint, maxt)) {
      // The consumer may await between series, and the store may close meanwhile.
      this.#assertOpen('select');
      const rows = this.#parts.statements.readSamples(entry.id, mint, maxt);
      if (rows.length > 0) yield { labels: entry.labels, samples: decodeSamples(rows) };
    }
  }

  // Runs inside the transaction; records its effects in `batch` instead of the index.
  #write(samples: readonly LabeledSample[], batch: PendingBatch): void {
    const { spans, result } = batch;
    for (const sample of samples) {
      const entry = this.#entryFor(sample.labels, batch.created);
      let span = spans.get(entry);
      if (!span) spans.set(entry, (span = { mint: entry.mint, maxt: entry.maxt }));
      const value = this.#encoder.encode(sample);
      if (!this.#parts.statements.insertSample(entry.id, sample.t, value)) {
        result.duplicates++;
        continue;
      }
      result.appended++;
      if (sample.t < span.maxt) result.outOfOrder++;
      span.mint = Math.min(span.mint, sample.t);
      span.maxt = Math.max(span.maxt, sample.t);
    }
  }

  #entryFor(labels: Labels, created: Map<string, SeriesEntry>): SeriesEntry {
    const known = this.#parts.index.get(labels) ?? created.get(labels.key());
    if (known) return known;
    const id = this.#parts.statements.insertSeries(labels.key(), JSON.stringify(labels.toRecord()));
    const entry: SeriesEntry = { id, labels, mint: Infinity, maxt: -Infinity };
    created.set(labels.key(), entry);
    return entry;
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreClosedError(operation);
  }
}

function validate(sample: LabeledSample, index: number): void {
  if (sample.labels.size === 0) {
    throw new InvalidSampleError(index, 'the label set is empty');
  }
  if (!Number.isSafeInteger(sample.t)) {
    throw new InvalidSampleError(index, `timestamp ${sample.t} is not an integer of milliseconds`);
  }
  if (typeof sample.v !== 'number') {
    throw new InvalidSampleError(index, `value ${String(sample.v)} is not a number`);
  }
}
