import { crc32 } from 'node:zlib';
import { BinaryFormatError } from '@promethium/model';
import type BetterSqlite3 from 'better-sqlite3';
import { decodeWalRecord } from './record.js';
import type { RefSeries } from './record.js';
import type { RefSamples } from './ref-samples.js';

/** A logged record as replay yields it: its series; its samples went to replay's list. */
export interface LoggedRecord {
  readonly seq: number;
  readonly series: readonly RefSeries[];
}

/** The first record replay could not trust, and why; it and every later record were dropped. */
export interface WalCorruption {
  readonly seq: number;
  readonly reason: string;
  /** Records dropped, the corrupt one included. */
  readonly dropped: number;
}

interface Row {
  seq: number;
  crc: number;
  record: Uint8Array;
}

/** SQL for the write-ahead log table; the store creates it with the rest of its schema. */
export const WAL_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS wal (seq INTEGER PRIMARY KEY AUTOINCREMENT, crc INTEGER NOT NULL, record BLOB NOT NULL)';

/**
 * The write-ahead log: one row per accepted batch, in order, each with a CRC-32 of its
 * bytes. SQLite makes every row atomic, so the CRC guards against damage outside
 * SQLite's control (disk faults, a copied or edited file), which replay must survive.
 */
export class WriteAheadLog {
  readonly #insert: BetterSqlite3.Statement<[number, Uint8Array]>;
  readonly #readFrom: BetterSqlite3.Statement<[number], Row>;
  readonly #deleteFrom: BetterSqlite3.Statement<[number]>;
  readonly #deleteBefore: BetterSqlite3.Statement<[number]>;
  readonly #bytes: BetterSqlite3.Statement<[], { bytes: number | null }>;
  readonly #last: BetterSqlite3.Statement<[], { seq: number | null }>;
  readonly #countFrom: BetterSqlite3.Statement<[number], { n: number }>;

  constructor(conn: BetterSqlite3.Database) {
    conn.exec(WAL_TABLE_SQL);
    this.#insert = conn.prepare('INSERT INTO wal (crc, record) VALUES (?, ?)');
    this.#readFrom = conn.prepare<[number], Row>(
      'SELECT seq, crc, record FROM wal WHERE seq >= ? ORDER BY seq',
    );
    this.#deleteFrom = conn.prepare('DELETE FROM wal WHERE seq >= ?');
    this.#deleteBefore = conn.prepare('DELETE FROM wal WHERE seq < ?');
    this.#bytes = conn.prepare('SELECT SUM(LENGTH(record)) AS bytes FROM wal');
    this.#last = conn.prepare('SELECT MAX(seq) AS seq FROM wal');
    this.#countFrom = conn.prepare('SELECT COUNT(*) AS n FROM wal WHERE seq >= ?');
  }

  /** Logs an encoded record; returns its sequence number. Call inside the batch's transaction. */
  append(record: Uint8Array): number {
    return Number(this.#insert.run(crc32(record), record).lastInsertRowid);
  }

  /** The newest record's sequence number, 0 for an empty log. */
  lastSeq(): number {
    return this.#last.get()?.seq ?? 0;
  }

  /**
   * Yields the records from `fromSeq` on, in order, each record's samples appended to
   * `samples` (which the caller may empty between records: one list serves them all). At
   * the first record whose CRC or layout is wrong it stops, deletes that record and every
   * later one (they may depend on series it declared), and reports what it dropped
   * through `onCorruption`.
   */
  *replay(
    fromSeq: number,
    samples: RefSamples,
    onCorruption: (c: WalCorruption) => void,
  ): Generator<LoggedRecord> {
    let corrupt: { seq: number; reason: string } | undefined;
    for (const row of this.#readFrom.iterate(fromSeq)) {
      const checked = checkRow(row, samples);
      if (typeof checked === 'string') {
        corrupt = { seq: row.seq, reason: checked };
        break;
      }
      yield { seq: row.seq, series: checked };
    }
    if (!corrupt) return;
    // Deleting waits until the read above is finished: SQLite cannot write mid-iteration.
    const dropped = this.#countFrom.get(corrupt.seq)?.n ?? 0;
    this.#deleteFrom.run(corrupt.seq);
    onCorruption({ ...corrupt, dropped });
  }

  /** Drops every record before `seq`: their samples are in persisted chunks. */
  truncateBefore(seq: number): void {
    this.#deleteBefore.run(seq);
  }

  /** Bytes of logged records (payload only, without SQLite's page overhead). */
  sizeBytes(): number {
    return this.#bytes.get()?.bytes ?? 0;
  }
}

function checkRow(row: Row, samples: RefSamples): RefSeries[] | string {
  const data = row.record instanceof Uint8Array ? row.record : undefined;
  if (!data) return 'record is not a BLOB';
  if (crc32(data) !== row.crc) return `CRC mismatch (stored ${row.crc}, computed ${crc32(data)})`;
  try {
    return decodeWalRecord(data, samples);
  } catch (err) {
    if (err instanceof BinaryFormatError) return err.message;
    throw err;
  }
}
