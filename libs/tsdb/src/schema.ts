import { sql } from 'kysely';
import type { Generated, Kysely } from 'kysely';

/** The `series` table: one row per label set, created on its first sample. */
export interface SeriesTable {
  id: Generated<number>;
  /** Labels.key() of the set; unique, so a label set maps to one id. */
  labels_key: string;
  /** The label set as a JSON object. */
  labels: string;
}

/** The `samples` table; `v` holds the 8 bytes writeValue writes, so NaN payloads survive. */
export interface SamplesTable {
  series_id: number;
  t: number;
  v: Uint8Array;
}

/** The database as kysely sees it. */
export interface TsdbDatabase {
  series: SeriesTable;
  samples: SamplesTable;
}

/**
 * Bumped whenever the layout changes, and stored in PRAGMA user_version, so a later
 * store (chunks, postings, WAL) can recognise and migrate or refuse this layout.
 */
export const SCHEMA_VERSION = 1;

/** Creates the tables when absent; idempotent. */
export async function createSchema(db: Kysely<TsdbDatabase>): Promise<void> {
  await db.schema
    .createTable('series')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('labels_key', 'text', (c) => c.notNull().unique())
    .addColumn('labels', 'text', (c) => c.notNull())
    .execute();
  // WITHOUT ROWID: the (series_id, t) key is the table, so a range read is one b-tree walk.
  await db.schema
    .createTable('samples')
    .ifNotExists()
    .addColumn('series_id', 'integer', (c) => c.notNull())
    .addColumn('t', 'integer', (c) => c.notNull())
    .addColumn('v', 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('samples_pk', ['series_id', 't'])
    .modifyEnd(sql`without rowid`)
    .execute();
}
