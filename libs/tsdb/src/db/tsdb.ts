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
import { XorIterator } from '../chunkenc/index.js';
import { StoreClosedError, StoreWriteError } from '../errors.js';
import type { Head, HeadAppendResult, MemSeries } from '../head/index.js';
import { postingsForMatchers } from '../index/index.js';
import type { MemPostings } from '../index/index.js';
import type { WriteAheadLog } from '../wal/index.js';
import { WalRecordEncoder } from '../wal/index.js';
import { BufferingAppender } from './appender.js';
import { writeCheckpoint } from './checkpoint.js';
import type { CheckpointResult } from './checkpoint.js';
import { readSeries } from './read-series.js';
import { applyRetention, usedBytes } from './retention.js';
import type { RetentionPolicy, RetentionResult } from './retention.js';
import type { TsdbSchema } from './schema.js';
import { seriesChunks } from './select-chunks.js';
import type { ChunkSeries } from './select-chunks.js';
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
  seriesCreated: number;
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
  readonly #encoder = new WalRecordEncoder();
  readonly counters: TsdbCounters = {
    appended: 0,
    outOfOrderAppended: 0,
    same: 0,
    rejected: { out_of_order: 0, duplicate_sample: 0, too_old: 0 },
    seriesCreated: 0,
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

  /** Bytes of the database's pages in use, the write-ahead log included. */
  storageBytes(): number {
    return usedBytes(this.#p.conn);
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
    const prepared = this.#p.head.prepare(samples);
    if (prepared.record.samples.length > 0) {
      try {
        this.#p.wal.append(this.#encoder.encode(prepared.record));
      } catch (err) {
        throw new StoreWriteError(
          `cannot log ${prepared.record.samples.length} samples: ${(err as Error).message}`,
          { cause: err },
        );
      }
    }
    this.#p.head.commit(prepared);
    for (const s of prepared.created) this.#p.unsaved.add(s);
    this.counters.seriesCreated += prepared.created.length;
    this.#count(prepared.result);
    return prepared.result;
  }

  appender(): Appender {
    return new BufferingAppender((samples) => this.appendBatch(samples));
  }

  /**
   * Moves cut chunks and out-of-order samples to disk, saves changed open chunks and
   * truncates the log, in one transaction. Throws StoreWriteError when SQLite fails.
   */
  checkpoint(): CheckpointResult {
    this.#assertOpen('checkpoint');
    const { conn, head, unsaved, stmts, wal } = this.#p;
    try {
      const result = writeCheckpoint(conn, head, unsaved, stmts, wal);
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
        this.#assertOpen('query label names');
        const names = new Set<string>();
        for (const s of this.#matching(matchers, mint, maxt))
          for (const [n] of s.labels) names.add(n);
        return [...names].sort();
      },
      labelValues: async (name, matchers) => {
        this.#assertOpen('query label values');
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
    this.#assertOpen('compute index stats');
    const { postings, head } = this.#p;
    const pairs = postings.labelPairCounts();
    let minTime = Number.POSITIVE_INFINITY;
    for (const s of head.allSeries()) if (s.minT < minTime) minTime = s.minT;
    return { numSeries: head.size, minTime, maxTime: head.maxTime, pairs };
  }

  /**
   * Checkpoints and closes the database; later calls throw StoreClosedError. When the
   * checkpoint fails (e.g. a full disk) the database still closes, the WAL keeping every
   * batch for the next open, and the failure is thrown afterwards.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    let failure: unknown;
    try {
      this.checkpoint();
    } catch (err) {
      failure = err;
    }
    this.#closed = true;
    await this.#p.db.destroy();
    if (this.#p.conn.open) this.#p.conn.close();
    if (failure !== undefined) throw failure;
  }

  /**
   * Each series matching every matcher that has chunks overlapping [mint, maxt], with
   * those chunks (seriesChunks: stored bytes, snapshots of the head's), sorted by labels as
   * querier().select yields them; chunksToSamples turns one into that select's samples
   * (none, when no sample falls inside [mint, maxt]).
   */
  *selectChunks(matchers: readonly Matcher[], mint: number, maxt: number): Generator<ChunkSeries> {
    for (const series of this.#sortedMatching(matchers, mint, maxt)) {
      const chunks = seriesChunks(series, this.#p.stmts, mint, maxt);
      if (chunks.length > 0) yield { labels: series.labels, chunks };
    }
  }

  async *#select(matchers: readonly Matcher[], mint: number, maxt: number): AsyncGenerator<Series> {
    for (const series of this.#sortedMatching(matchers, mint, maxt)) {
      const samples = readSeries(series, this.#p.stmts, mint, maxt, this.#it);
      if (samples.length > 0) yield { labels: series.labels, samples };
    }
  }

  /** #matching sorted by labels; throws StoreClosedError once the store is closed. */
  *#sortedMatching(matchers: readonly Matcher[], mint: number, maxt: number): Generator<MemSeries> {
    this.#assertOpen('select');
    const found = [...this.#matching(matchers, mint, maxt)].sort((a, b) =>
      compareLabels(a.labels, b.labels),
    );
    for (const series of found) {
      this.#assertOpen('select');
      yield series;
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
