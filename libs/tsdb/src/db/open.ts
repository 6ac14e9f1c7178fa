import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BinaryFormatError } from '@promethium/model';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ChunkCorruptError, chunkFromBytes } from '../chunkenc/index.js';
import type { Chunk } from '../chunkenc/index.js';
import { StoreOpenError } from '../errors.js';
import { Head } from '../head/index.js';
import type { MemSeries } from '../head/index.js';
import { MemPostings } from '../index/index.js';
import { RefSamples, WriteAheadLog, decodeLabels } from '../wal/index.js';
import type { WalCorruption } from '../wal/index.js';
import type { RetentionPolicy } from './retention.js';
import { CHECKPOINT_SEQ, TSDB_SCHEMA_VERSION, createTsdbSchema } from './schema.js';
import type { TsdbSchema } from './schema.js';
import { prepareTsdbStatements } from './statements.js';
import { findTornWalTail } from './sqlite-wal-tail.js';
import { Tsdb } from './tsdb.js';

/** Where and how to open a store. */
export interface TsdbOptions {
  /** A directory, created when missing; the database is <path>/tsdb.db. */
  path: string;
  /** How far behind the newest sample out-of-order samples are accepted; default 0 (refused). */
  outOfOrderWindowMs?: number;
  /** Default: 15 days, no size limit. */
  retention?: Partial<RetentionPolicy>;
  /** Receives the store's operational messages (replay figures, corruption reports). */
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
}

/** The database file inside a store's directory. */
export const TSDB_FILE = 'tsdb.db';

const FIFTEEN_DAYS_MS = 15 * 24 * 3600 * 1000;

/**
 * Opens (creating when needed) the store in `opts.path`: loads series and open chunks as
 * of the last checkpoint, then replays the write-ahead log after it. A corrupt log tail is
 * reported through `log` and dropped; everything before it is replayed. One process at a
 * time may open a directory. Throws StoreOpenError.
 */
export async function openTsdb(opts: TsdbOptions): Promise<Tsdb> {
  const file = join(opts.path, TSDB_FILE);
  let conn: BetterSqlite3.Database;
  try {
    await mkdir(opts.path, { recursive: true });
    const torn = findTornWalTail(file);
    if (torn)
      opts.log?.(
        'error',
        'SQLite WAL file torn: SQLite drops the frames after its last intact commit',
        {
          ...torn,
        },
      );
    conn = new Database(file);
  } catch (err) {
    throw new StoreOpenError(`cannot open ${file}: ${(err as Error).message}`, { cause: err });
  }
  const db = new Kysely<TsdbSchema>({ dialect: new SqliteDialect({ database: conn }) });
  try {
    configure(conn, file);
    await createTsdbSchema(db);
    conn.pragma(`user_version = ${TSDB_SCHEMA_VERSION}`);
    return await load(db, conn, file, opts);
  } catch (err) {
    await db.destroy();
    if (conn.open) conn.close();
    if (err instanceof StoreOpenError) throw err;
    throw new StoreOpenError(`cannot open ${file}: ${(err as Error).message}`, { cause: err });
  }
}

// WAL journal with synchronous=NORMAL: a committed batch survives the process being
// killed. auto_vacuum must be chosen before the first table exists; INCREMENTAL lets
// retention hand freed pages back to the file system.
function configure(conn: BetterSqlite3.Database, file: string): void {
  const version = conn.pragma('user_version', { simple: true });
  if (version !== 0 && version !== TSDB_SCHEMA_VERSION) {
    throw new StoreOpenError(
      `cannot open ${file}: schema version ${String(version)}, this store reads version ${TSDB_SCHEMA_VERSION}`,
    );
  }
  if (version === 0) conn.pragma('auto_vacuum = INCREMENTAL');
  const mode = conn.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal')
    throw new StoreOpenError(`cannot open ${file}: journal mode stayed ${String(mode)}, not wal`);
  conn.pragma('synchronous = NORMAL');
}

async function load(
  db: Kysely<TsdbSchema>,
  conn: BetterSqlite3.Database,
  file: string,
  opts: TsdbOptions,
): Promise<Tsdb> {
  const started = performance.now();
  const postings = new MemPostings();
  const head = new Head({
    outOfOrderWindowMs: opts.outOfOrderWindowMs ?? 0,
    listener: {
      added: (s) => postings.add(s.ref, s.labels),
      removed: (list) => postings.delete(new Set(list.map((s) => s.ref))),
    },
  });
  for (const row of await db.selectFrom('series').select(['ref', 'labels']).execute()) {
    head.restore(
      row.ref,
      decodeOrFail(() => decodeLabels(row.labels), file, `series ${row.ref}`),
    );
  }
  const spans = await db
    .selectFrom('chunks')
    .select((eb) => [
      'series_ref',
      eb.fn.min<number>('mint').as('mint'),
      eb.fn.max<number>('maxt').as('maxt'),
    ])
    .groupBy('series_ref')
    .execute();
  for (const span of spans) {
    const series = head.series(span.series_ref);
    if (!series) continue;
    series.persistedMaxT = span.maxt;
    series.minT = Math.min(series.minT, span.mint);
  }
  for (const row of await db
    .selectFrom('head_chunks')
    .select(['series_ref', 'encoding', 'data'])
    .execute()) {
    const series = head.series(row.series_ref);
    if (series)
      reopenChunk(
        series,
        decodeOrFail(
          () => chunkFromBytes(row.encoding, row.data),
          file,
          `open chunk of series ${row.series_ref}`,
        ),
      );
  }
  // Series were registered before their times were known; the out-of-order window and
  // retention count back from the head's newest time, so it must include them.
  for (const series of head.allSeries()) {
    if (series.persistedMaxT > series.maxT) setTipFromDisk(series);
    head.noteTime(series.maxT);
  }
  const meta = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', CHECKPOINT_SEQ)
    .executeTakeFirst();
  const wal = new WriteAheadLog(conn);
  const unsaved = new Set<MemSeries>();
  const replayed = replay(head, wal, (meta?.value ?? 0) + 1, unsaved, (c) =>
    opts.log?.('error', 'write-ahead log corrupt: dropped its tail, replayed the rest', {
      file,
      ...c,
    }),
  );
  const tsdb = new Tsdb({
    db,
    conn,
    stmts: prepareTsdbStatements(conn),
    wal,
    head,
    postings,
    unsaved,
    retention: {
      timeMs: opts.retention?.timeMs ?? FIFTEEN_DAYS_MS,
      sizeBytes: opts.retention?.sizeBytes ?? 0,
    },
  });
  opts.log?.('info', 'opened tsdb', {
    file,
    series: head.size,
    replayedRecords: replayed.records,
    replayedSamples: replayed.samples,
    replayMs: Math.round(performance.now() - started),
  });
  return tsdb;
}

/**
 * Samples of log records replay holds before appending them series by series
 * (Head.appendLogged): more make each series' turn longer, at 21 bytes a sample.
 */
const REPLAY_WINDOW_SAMPLES = 1 << 20;

/** Applies the log after the checkpoint; every logged sample was accepted once, so only order decides. */
function replay(
  head: Head,
  wal: WriteAheadLog,
  fromSeq: number,
  unsaved: Set<MemSeries>,
  onCorruption: (c: WalCorruption) => void,
): { records: number; samples: number } {
  let records = 0;
  let samples = 0;
  const window = new RefSamples(REPLAY_WINDOW_SAMPLES);
  for (const { series } of wal.replay(fromSeq, window, onCorruption)) {
    // A record's series come before any sample of theirs, so restoring them at once is early enough.
    for (const { ref, labels } of series) unsaved.add(head.restore(ref, labels));
    records++;
    if (window.length >= REPLAY_WINDOW_SAMPLES) {
      samples += head.appendLogged(window);
      window.truncate(0);
    }
  }
  samples += head.appendLogged(window);
  return { records, samples };
}

function reopenChunk(series: MemSeries, chunk: Chunk): void {
  const it = chunk.iterator();
  while (it.next()) {
    series.maxT = it.t;
    series.lastV = it.v;
    series.lastStale = it.isStale;
    if (it.t < series.minT) series.minT = it.t;
  }
  series.open = chunk;
}

// A series whose open chunk was never saved (or was cut before the checkpoint) still
// must refuse samples older than what is on disk.
function setTipFromDisk(series: MemSeries): void {
  series.maxT = series.persistedMaxT;
}

function decodeOrFail<T>(decode: () => T, file: string, what: string): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof BinaryFormatError || err instanceof ChunkCorruptError) {
      throw new StoreOpenError(`cannot open ${file}: ${what} is corrupt: ${err.message}`, {
        cause: err,
      });
    }
    throw err;
  }
}
