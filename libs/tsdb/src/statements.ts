import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import type { TsdbDatabase } from './schema.js';

/** The hot-path queries, built once by kysely and prepared once on the connection. */
export interface Statements {
  /** Inserts a series row and returns its id. */
  insertSeries(labelsKey: string, labelsJson: string): number;
  /** Inserts a sample unless (series, t) exists; true when it was stored. */
  insertSample(seriesId: number, t: number, value: Uint8Array): boolean;
  /** [t, value bytes] rows of one series in [mint, maxt], ascending by t. */
  readSamples(seriesId: number, mint: number, maxt: number): [number, Uint8Array][];
}

/**
 * Compiles the queries with kysely and prepares the SQL directly: kysely would prepare
 * a statement per execution, which dominates the cost of a one-row insert.
 */
export function prepareStatements(
  db: Kysely<TsdbDatabase>,
  conn: BetterSqlite3.Database,
): Statements {
  const insertSeries = prepare(
    conn,
    db.insertInto('series').values({ labels_key: '', labels: '' }).compile(),
    2,
  );
  const insertSample = prepare(
    conn,
    db
      .insertInto('samples')
      .values({ series_id: 0, t: 0, v: new Uint8Array(8) })
      .onConflict((oc) => oc.doNothing())
      .compile(),
    3,
  );
  const readSamples = prepare<[number, Uint8Array]>(
    conn,
    db
      .selectFrom('samples')
      .select(['t', 'v'])
      .where('series_id', '=', 0)
      .where('t', '>=', 0)
      .where('t', '<=', 0)
      .orderBy('t')
      .compile(),
    3,
  ).raw(true);
  return {
    insertSeries: (key, json) => Number(insertSeries.run(key, json).lastInsertRowid),
    insertSample: (id, t, value) => insertSample.run(id, t, value).changes === 1,
    readSamples: (id, mint, maxt) => readSamples.all(id, mint, maxt),
  };
}

function prepare<R = unknown>(
  conn: BetterSqlite3.Database,
  query: CompiledQuery,
  params: number,
): BetterSqlite3.Statement<unknown[], R> {
  // The callers bind positionally, in the order the builder calls name the columns.
  if (query.parameters.length !== params) {
    throw new Error(`BUG: expected ${params} parameters in ${query.sql}`);
  }
  return conn.prepare<unknown[], R>(query.sql);
}
