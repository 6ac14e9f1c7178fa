import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Labels } from '@promethium/model';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { StoreOpenError } from './errors.js';
import { SCHEMA_VERSION, createSchema } from './schema.js';
import type { TsdbDatabase } from './schema.js';
import { SeriesIndex } from './series-index.js';
import { SqliteStore } from './sqlite-store.js';
import { prepareStatements } from './statements.js';

/** Where and how to open a store. */
export interface SqliteStoreOptions {
  /** A directory, created when missing; the store lives in <path>/promethium.db. */
  path: string;
  /** Receives the store's few operational messages; silent when absent. */
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
}

/** The file name of the database inside the store's directory. */
export const DB_FILE = 'promethium.db';

/**
 * Opens (creating when needed) the store in `opts.path` and loads its series into
 * memory. One process at a time may open a directory. Throws StoreOpenError.
 */
export async function openSqliteStore(opts: SqliteStoreOptions): Promise<SqliteStore> {
  const file = join(opts.path, DB_FILE);
  let conn: BetterSqlite3.Database;
  try {
    await mkdir(opts.path, { recursive: true });
    conn = new Database(file);
  } catch (err) {
    throw new StoreOpenError(`cannot open ${file}: ${(err as Error).message}`, { cause: err });
  }
  const db = new Kysely<TsdbDatabase>({ dialect: new SqliteDialect({ database: conn }) });
  try {
    configure(conn, file);
    await createSchema(db);
    conn.pragma(`user_version = ${SCHEMA_VERSION}`);
    const { index, samples } = await loadIndex(db, file);
    const store = new SqliteStore({
      db,
      conn,
      statements: prepareStatements(db, conn),
      index,
      samples,
    });
    opts.log?.('info', 'opened series store', { file, series: index.size, samples });
    return store;
  } catch (err) {
    await db.destroy();
    if (conn.open) conn.close();
    if (err instanceof StoreOpenError) throw err;
    throw new StoreOpenError(`cannot open ${file}: ${(err as Error).message}`, { cause: err });
  }
}

// WAL with synchronous=NORMAL: a committed transaction survives the process being
// killed; only an OS crash or power loss may lose the last commits (never corrupt).
function configure(conn: BetterSqlite3.Database, file: string): void {
  const version = conn.pragma('user_version', { simple: true });
  if (typeof version !== 'number' || version > SCHEMA_VERSION) {
    throw new StoreOpenError(
      `cannot open ${file}: schema version ${String(version)} is newer than this store's ${SCHEMA_VERSION}`,
    );
  }
  const mode = conn.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw new StoreOpenError(`cannot open ${file}: journal mode stayed ${String(mode)}, not wal`);
  }
  conn.pragma('synchronous = NORMAL');
}

async function loadIndex(
  db: Kysely<TsdbDatabase>,
  file: string,
): Promise<{ index: SeriesIndex; samples: number }> {
  const spans = await db
    .selectFrom('samples')
    .select((eb) => [
      'series_id',
      eb.fn.min<number>('t').as('mint'),
      eb.fn.max<number>('t').as('maxt'),
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy('series_id')
    .execute();
  const spanById = new Map(spans.map((s) => [s.series_id, s]));
  const index = new SeriesIndex();
  for (const row of await db.selectFrom('series').select(['id', 'labels']).execute()) {
    const span = spanById.get(row.id);
    index.add({
      id: row.id,
      labels: parseLabels(row.labels, row.id, file),
      mint: span?.mint ?? Infinity,
      maxt: span?.maxt ?? -Infinity,
    });
  }
  const samples = spans.reduce((sum, s) => sum + Number(s.count), 0);
  return { index, samples };
}

function parseLabels(json: string, id: number, file: string): Labels {
  try {
    const record: unknown = JSON.parse(json);
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new TypeError('not a JSON object');
    }
    return Labels.fromRecord(record as Record<string, string>);
  } catch (err) {
    throw new StoreOpenError(`cannot open ${file}: series ${id} has malformed labels`, {
      cause: err,
    });
  }
}
