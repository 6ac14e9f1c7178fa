import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { Labels } from '@promethium/model';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { WriteAheadLog } from './log.js';
import type { WalCorruption } from './log.js';
import { WalRecordEncoder } from './record.js';
import { RefSamples } from './ref-samples.js';

const up = Labels.fromRecord({ __name__: 'up' });
const encoder = new WalRecordEncoder();
const recordAt = (t: number) => {
  const samples = new RefSamples(1);
  samples.push(1, t, t, false);
  return encoder.encode({ series: t === 0 ? [{ ref: 1, labels: up }] : [], samples });
};

describe('WriteAheadLog', () => {
  let dir: string;
  let conn: BetterSqlite3.Database;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wal-test-'));
    conn = new Database(join(dir, 'wal.db'));
    conn.pragma('journal_mode = WAL');
  });

  afterEach(async () => {
    conn.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The time of each record's one sample, and the corruptions reported. */
  const replayAll = (wal: WriteAheadLog, from = 0) => {
    const corruptions: WalCorruption[] = [];
    const samples = new RefSamples();
    const ts: number[] = [];
    for (const record of wal.replay(from, samples, (c) => corruptions.push(c))) {
      const t = samples.t(samples.length - 1);
      expect(record.series.length).toBe(t === 0 ? 1 : 0);
      ts.push(t);
    }
    expect(samples.length).toBe(ts.length);
    return { ts, corruptions };
  };

  it('replays records in order from a sequence number and survives reopening', () => {
    const wal = new WriteAheadLog(conn);
    const seqs = [0, 15, 30].map((t) => wal.append(recordAt(t)));
    expect(seqs).toEqual([1, 2, 3]);
    expect(wal.lastSeq()).toBe(3);
    conn.close();
    conn = new Database(join(dir, 'wal.db'));
    const reopened = new WriteAheadLog(conn);
    expect(replayAll(reopened)).toEqual({ ts: [0, 15, 30], corruptions: [] });
    expect(replayAll(reopened, 2).ts).toEqual([15, 30]);
  });

  it('truncates records before a checkpoint', () => {
    const wal = new WriteAheadLog(conn);
    for (const t of [0, 15, 30, 45]) wal.append(recordAt(t));
    const before = wal.sizeBytes();
    wal.truncateBefore(3);
    expect(replayAll(wal).ts).toEqual([30, 45]);
    expect(wal.sizeBytes()).toBeLessThan(before);
    expect(wal.lastSeq()).toBe(4);
  });

  it('stops at a record with a bad CRC, drops it and everything after, and reports it', () => {
    const wal = new WriteAheadLog(conn);
    for (const t of [0, 15, 30, 45]) wal.append(recordAt(t));
    conn.prepare('UPDATE wal SET crc = crc + 1 WHERE seq = 3').run();
    const first = replayAll(wal);
    expect(first.ts).toEqual([0, 15]);
    expect(first.corruptions).toEqual([
      { seq: 3, reason: expect.stringMatching(/CRC mismatch/), dropped: 2 },
    ]);
    expect(replayAll(wal)).toEqual({ ts: [0, 15], corruptions: [] });
  });

  it('stops at a record whose bytes do not decode even though its CRC matches', () => {
    const wal = new WriteAheadLog(conn);
    wal.append(recordAt(0));
    const garbage = Uint8Array.of(1, 200);
    conn.prepare('INSERT INTO wal (crc, record) VALUES (?, ?)').run(crc32(garbage), garbage);
    const { ts, corruptions } = replayAll(wal);
    expect(ts).toEqual([0]);
    expect(corruptions[0]).toMatchObject({
      seq: 2,
      dropped: 1,
      reason: expect.stringMatching(/unexpected end of data/),
    });
  });

  it('reports a row whose record is not a BLOB', () => {
    const wal = new WriteAheadLog(conn);
    wal.append(recordAt(0));
    conn.prepare("INSERT INTO wal (crc, record) VALUES (0, 'text')").run();
    expect(replayAll(wal).corruptions).toEqual([
      { seq: 2, reason: 'record is not a BLOB', dropped: 1 },
    ]);
  });
});
