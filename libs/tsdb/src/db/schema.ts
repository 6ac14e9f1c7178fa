import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { WAL_TABLE_SQL } from '../wal/index.js';

/** One row per series ever created and not yet removed by retention. */
export interface SeriesRow {
  ref: number;
  /** The label set in the WAL record's label layout (encodeLabels). */
  labels: Uint8Array;
}

/** A closed chunk: encoded samples of one series within [mint, maxt]. */
export interface ChunkRow {
  id: number;
  series_ref: number;
  mint: number;
  maxt: number;
  /** How `data` is encoded: a ChunkEncoding. */
  encoding: number;
  data: Uint8Array;
}

/** The open chunk of a series as of the last checkpoint. */
export interface HeadChunkRow {
  series_ref: number;
  /** How `data` is encoded: a ChunkEncoding. */
  encoding: number;
  data: Uint8Array;
}

/** Small facts about the store, such as where replay starts. */
export interface MetaRow {
  key: string;
  value: number;
}

/** The database as kysely sees it (the write-ahead log is WriteAheadLog's own). */
export interface TsdbSchema {
  series: SeriesRow;
  chunks: ChunkRow;
  head_chunks: HeadChunkRow;
  meta: MetaRow;
}

/** Stored in PRAGMA user_version; version 1 was the row-per-sample layout of SqliteStore. */
export const TSDB_SCHEMA_VERSION = 2;

/** meta key: the WAL sequence number the last checkpoint covers; replay starts after it. */
export const CHECKPOINT_SEQ = 'checkpoint_seq';

/** Creates the tables when absent; idempotent. */
export async function createTsdbSchema(db: Kysely<TsdbSchema>): Promise<void> {
  await db.schema
    .createTable('series')
    .ifNotExists()
    .addColumn('ref', 'integer', (c) => c.primaryKey())
    .addColumn('labels', 'blob', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('chunks')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('series_ref', 'integer', (c) => c.notNull())
    .addColumn('mint', 'integer', (c) => c.notNull())
    .addColumn('maxt', 'integer', (c) => c.notNull())
    .addColumn('encoding', 'integer', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .execute();
  // Reads ask for one series' chunks ending at or after mint; retention for the oldest.
  await db.schema
    .createIndex('chunks_by_series')
    .ifNotExists()
    .on('chunks')
    .columns(['series_ref', 'maxt'])
    .execute();
  await db.schema.createIndex('chunks_by_maxt').ifNotExists().on('chunks').column('maxt').execute();
  await db.schema
    .createTable('head_chunks')
    .ifNotExists()
    .addColumn('series_ref', 'integer', (c) => c.primaryKey())
    .addColumn('encoding', 'integer', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema
    .createTable('meta')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await sql.raw(WAL_TABLE_SQL).execute(db);
}
