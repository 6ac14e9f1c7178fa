import type BetterSqlite3 from 'better-sqlite3';

type Stmt<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

/** The hot-path statements of a store, prepared once (kysely builds the schema and the rest). */
export interface TsdbStatements {
  insertSeries: Stmt<[number, Uint8Array]>;
  deleteSeries: Stmt<[number]>;
  insertChunk: Stmt<[number, number, number, number, Uint8Array]>;
  /** One series' chunks overlapping [mint, maxt], oldest first. */
  chunksOf: Stmt<
    [number, number, number],
    { mint: number; maxt: number; encoding: number; data: Uint8Array }
  >;
  upsertHeadChunk: Stmt<[number, number, Uint8Array]>;
  deleteHeadChunk: Stmt<[number]>;
  setMeta: Stmt<[string, number]>;
  deleteChunksBefore: Stmt<[number]>;
  /** The end time of the chunk at this position when ordered by end time, for size retention. */
  nthChunkEnd: Stmt<[number], { maxt: number }>;
  countChunks: Stmt<[], { n: number }>;
  /** A row when the series has any chunk on disk. */
  hasChunks: Stmt<[number], { one: number }>;
}

/** Prepares every statement of TsdbStatements on `conn`. */
export function prepareTsdbStatements(conn: BetterSqlite3.Database): TsdbStatements {
  return {
    insertSeries: conn.prepare('INSERT INTO series (ref, labels) VALUES (?, ?)'),
    deleteSeries: conn.prepare('DELETE FROM series WHERE ref = ?'),
    insertChunk: conn.prepare(
      'INSERT INTO chunks (series_ref, mint, maxt, encoding, data) VALUES (?, ?, ?, ?, ?)',
    ),
    chunksOf: conn.prepare(
      'SELECT mint, maxt, encoding, data FROM chunks WHERE series_ref = ? AND maxt >= ? AND mint <= ? ORDER BY mint',
    ),
    upsertHeadChunk: conn.prepare(
      'INSERT INTO head_chunks (series_ref, encoding, data) VALUES (?, ?, ?) ON CONFLICT (series_ref) DO UPDATE SET encoding = excluded.encoding, data = excluded.data',
    ),
    deleteHeadChunk: conn.prepare('DELETE FROM head_chunks WHERE series_ref = ?'),
    setMeta: conn.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    deleteChunksBefore: conn.prepare('DELETE FROM chunks WHERE maxt < ?'),
    nthChunkEnd: conn.prepare('SELECT maxt FROM chunks ORDER BY maxt LIMIT 1 OFFSET ?'),
    countChunks: conn.prepare('SELECT COUNT(*) AS n FROM chunks'),
    hasChunks: conn.prepare('SELECT 1 AS one FROM chunks WHERE series_ref = ? LIMIT 1'),
  };
}
