import { compareLabels } from '@promethium/model';
import type { LabeledSample, Matcher, Series } from '@promethium/model';
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
import { BufferingAppender } from '../appender.js';
import { XorIterator } from '../chunkenc/index.js';
import { InvalidSampleError, StoreClosedError, StoreWriteError } from '../errors.js';
import type { Head, HeadAppendResult, MemSeries } from '../head/index.js';
import { postingsForMatchers } from '../index/index.js';
import type { MemPostings } from '../index/index.js';
import type { WriteAheadLog } from '../wal/index.js';
import { encodeWalRecord } from '../wal/index.js';
import { writeCheckpoint } from './checkpoint.js';
import type { CheckpointResult } from './checkpoint.js';
import { readSeries } from './read-series.js';
import { applyRetention } from './retention.js';
import type { RetentionPolicy, RetentionResult } from './retention.js';
import type { TsdbSchema } from './schema.js';
import type { TsdbStatements } from './statements.js';

/** The open handles and loaded state a Tsdb works with; assembled by openTsdb. */
export interface TsdbParts {
  db: Kysely<TsdbSchema>;
  conn: BetterSqlite3.Database;
  stmts: TsdbStatements;
  wal: WriteAheadLog;
  head: Head;
  postings: MemPostings;
  /** Series created since the last checkpoint (restored from the log included). */
  unsaved: Set<MemSeries>;
  retention: RetentionPolicy;
}

/** Running totals of a store, for its metrics. */
export interface TsdbCounters {
  appended: number;
  outOfOrderAppended: number;
  same: number;
  rejected: HeadAppendResult['rejected'];
  checkpoints: number;
  chunksWritten: number;
  chunksRemoved: number;
  seriesRemoved: number;
}

/**
 * One shard's time series database: a head in memory (open chunks, postings), closed
 * chunks and series in SQLite, and a write-ahead log in the same database so a batch is
 * durable once appendBatch resolves. Obtain it from openTsdb.
 */
export class Tsdb implements Queryable, LabelQueryable, IndexStatsSource, Appendable {
  readonly #p: TsdbParts;
  readonly #it = new XorIterator();
  readonly counters: TsdbCounters = {
    appended: 0,
    outOfOrderAppended: 0,
    same: 0,
    rejected: { out_of_order: 0, duplicate_sample: 0, too_old: 0 },
    checkpoints: 0,
    chunksWritten: 0,
    chunksRemoved: 0,
    seriesRemoved: 0,
  };
  #closed = false;

  /** Takes ownership of the parts; use openTsdb instead of calling this. */
  constructor(parts: TsdbParts) {
    this.#p = parts;
  }

  /** Series in the head. */
  get numSeries(): number {
    return this.#p.head.size;
  }

  /** Bytes of records in the write-ahead log. */
  walBytes(): number {
    return this.#p.wal.sizeBytes();
  }

  /**
   * Appends a batch: decides each sample's fate (see Head), logs the accepted ones in one
   * SQLite transaction, then makes them visible. Rejected samples are counted, never
   * thrown. Throws InvalidSampleError (nothing written) for an empty label set or a
   * timestamp that is not a safe integer, and StoreWriteError when SQLite fails (nothing
   * written, the head unchanged).
   */
  appendBatch(samples: readonly LabeledSample[]): HeadAppendResult {
    this.#assertOpen('append');
    const batch = toSeries(samples);
    const prepared = this.#p.head.prepare(batch);
    if (prepared.record.samples.length > 0) {
      try {
        this.#p.wal.append(encodeWalRecord(prepared.record));
      } catch (err) {
        throw new StoreWriteError(
          `cannot log ${prepared.record.samples.length} samples: ${(err as Error).message}`,
          { cause: err },
        );
      }
    }
    this.#p.head.commit(prepared);
    for (const s of prepared.created) this.#p.unsaved.add(s);
    this.#count(prepared.result);
    return prepared.result;
  }

  appender(): Appender {
    return new BufferingAppender(async (samples) => {
      const r = this.appendBatch(samples);
      return { appended: r.appended, duplicates: r.same, outOfOrder: r.outOfOrder };
    });
  }

  /**
   * Moves cut chunks and out-of-order samples to disk, saves changed open chunks and
   * truncates the log, in one transaction. Throws StoreWriteError when SQLite fails.
   */
  checkpoint(): CheckpointResult {
    this.#assertOpen('checkpoint');
    const { conn, head, unsaved, stmts, wal } = this.#p;
    try {
      const result = conn.transaction(() => writeCheckpoint(head, unsaved, stmts, wal))();
      this.counters.checkpoints++;
      this.counters.chunksWritten += result.chunks;
      return result;
    } catch (err) {
      throw new StoreWriteError(`checkpoint failed: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Deletes data outside the retention policy (see applyRetention); checkpoint first. */
  applyRetention(now = this.#p.head.maxTime): RetentionResult {
    this.#assertOpen('apply retention');
    const { conn, head, stmts, retention, postings } = this.#p;
    const result = applyRetention({ conn, head, stmts, policy: retention, postings }, now);
    this.counters.chunksRemoved += result.chunksRemoved;
    this.counters.seriesRemoved += result.seriesRemoved;
    return result;
  }

  querier(mint: number, maxt: number): Querier {
    return {
      select: (matchers) => this.#select(matchers, mint, maxt),
    };
  }

  labelQuerier(mint: number, maxt: number): LabelQuerier {
    return {
      labelNames: async (matchers) => {
        const names = new Set<string>();
        for (const s of this.#matching(matchers, mint, maxt))
          for (const [n] of s.labels) names.add(n);
        return [...names].sort();
      },
      labelValues: async (name, matchers) => {
        const values = new Set<string>();
        for (const s of this.#matching(matchers, mint, maxt)) {
          const v = s.labels.get(name);
          if (v !== '') values.add(v);
        }
        return [...values].sort();
      },
    };
  }

  async indexStats(): Promise<IndexStats> {
    const { postings, head } = this.#p;
    const pairs = postings.labelPairCounts();
    let minTime = Number.POSITIVE_INFINITY;
    for (const s of head.allSeries()) if (s.minT < minTime) minTime = s.minT;
    return { numSeries: head.size, minTime, maxTime: head.maxTime, pairs };
  }

  /** Checkpoints and closes the database; later calls throw StoreClosedError. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.checkpoint();
    this.#closed = true;
    await this.#p.db.destroy();
    if (this.#p.conn.open) this.#p.conn.close();
  }

  async *#select(matchers: readonly Matcher[], mint: number, maxt: number): AsyncGenerator<Series> {
    this.#assertOpen('select');
    const found = [...this.#matching(matchers, mint, maxt)].sort((a, b) =>
      compareLabels(a.labels, b.labels),
    );
    for (const series of found) {
      if (this.#closed) throw new StoreClosedError('select');
      const samples = readSeries(series, this.#p.stmts, mint, maxt, this.#it);
      if (samples.length > 0) yield { labels: series.labels, samples };
    }
  }

  /** Series matching every matcher whose span [minT, maxT] overlaps [mint, maxt]. */
  *#matching(
    matchers: readonly Matcher[] | undefined,
    mint: number,
    maxt: number,
  ): Generator<MemSeries> {
    const { postings, head } = this.#p;
    const refs =
      matchers && matchers.length > 0
        ? postingsForMatchers(postings, matchers)
        : postings.allPostings();
    for (const ref of refs) {
      const s = head.series(ref);
      if (s && s.minT <= maxt && Math.max(s.maxT, s.persistedMaxT) >= mint) yield s;
    }
  }

  #count(r: HeadAppendResult): void {
    const c = this.counters;
    c.appended += r.appended;
    c.outOfOrderAppended += r.outOfOrder;
    c.same += r.same;
    for (const k of Object.keys(r.rejected) as (keyof typeof r.rejected)[])
      c.rejected[k] += r.rejected[k];
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreClosedError(operation);
  }
}

/** Groups consecutive samples of one label set, validating each. */
function toSeries(samples: readonly LabeledSample[]): Series[] {
  const out: { labels: LabeledSample['labels']; samples: LabeledSample[] }[] = [];
  let last: (typeof out)[number] | undefined;
  samples.forEach((s, i) => {
    if (s.labels.size === 0) throw new InvalidSampleError(i, 'the label set is empty');
    if (!Number.isSafeInteger(s.t))
      throw new InvalidSampleError(i, `timestamp ${s.t} is not an integer`);
    if (last && (last.labels === s.labels || last.labels.equals(s.labels))) last.samples.push(s);
    else out.push((last = { labels: s.labels, samples: [s] }));
  });
  return out;
}
