import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels, Matcher } from '@promethium/model';
import type { LabeledSample, Series } from '@promethium/model';
import Database from 'better-sqlite3';
import { StoreClosedError, StoreOpenError } from '../errors.js';
import { TSDB_FILE, openTsdb } from './open.js';
import type { TsdbOptions } from './open.js';
import type { Tsdb } from './tsdb.js';

const MIN = 60_000;
const label = (job: string, i: number) => Labels.fromRecord({ __name__: 'm', job, i: String(i) });

function scrape(t: number, jobs = ['a', 'b'], perJob = 3, value = (i: number) => i + t / MIN) {
  const out: LabeledSample[] = [];
  for (const job of jobs)
    for (let i = 0; i < perJob; i++) out.push({ labels: label(job, i), t, v: value(i) });
  return out;
}

async function selectAll(
  db: Tsdb,
  mint: number,
  maxt: number,
  ...matchers: Matcher[]
): Promise<Series[]> {
  const out: Series[] = [];
  const ms = matchers.length > 0 ? matchers : [new Matcher('=', '__name__', 'm')];
  for await (const s of db.querier(mint, maxt).select(ms)) out.push(s);
  return out;
}

describe('Tsdb', () => {
  let dir: string;
  const open: Tsdb[] = [];
  const logs: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const openDb = async (opts: Partial<TsdbOptions> = {}) => {
    const db = await openTsdb({
      path: dir,
      log: (level, msg, fields) => logs.push({ level, msg, fields }),
      ...opts,
    });
    open.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsdb-'));
    logs.length = 0;
  });

  afterEach(async () => {
    for (const db of open.splice(0)) await db.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('selects appended samples by matchers and time range, series sorted by labels', async () => {
    const db = await openDb();
    for (let k = 0; k < 5; k++) db.appendBatch(scrape(k * MIN));
    const series = await selectAll(
      db,
      MIN,
      3 * MIN,
      new Matcher('=', 'job', 'b'),
      new Matcher('!=', 'i', '1'),
    );
    expect(series.map((s) => s.labels.get('i'))).toEqual(['0', '2']);
    expect(series[1]!.samples).toEqual([
      { t: MIN, v: 3 },
      { t: 2 * MIN, v: 4 },
      { t: 3 * MIN, v: 5 },
    ]);
    expect(await selectAll(db, 10 * MIN, 20 * MIN)).toEqual([]);
  });

  it('keeps every acknowledged sample across a reopen, from the log alone and after a checkpoint', async () => {
    let db = await openDb();
    for (let k = 0; k < 300; k++) db.appendBatch(scrape(k * 15_000, ['a'], 2));
    const before = await selectAll(db, 0, Infinity);
    db.checkpoint();
    for (let k = 300; k < 310; k++) db.appendBatch(scrape(k * 15_000, ['a'], 2));
    const all = await selectAll(db, 0, Infinity);
    expect(all[0]!.samples).toHaveLength(310);
    // Reopen without close(): what a killed process leaves behind is the log after the checkpoint.
    const raw = new Database(join(dir, TSDB_FILE));
    expect((raw.prepare('SELECT COUNT(*) AS n FROM wal').get() as { n: number }).n).toBe(10);
    expect((raw.prepare('SELECT COUNT(*) AS n FROM chunks').get() as { n: number }).n).toBe(4);
    raw.close();
    db = await openDb();
    expect(await selectAll(db, 0, Infinity)).toEqual(all);
    expect(before[0]!.samples).toEqual(all[0]!.samples.slice(0, 300));
    expect(logs.findLast((l) => l.msg === 'opened tsdb')?.fields).toMatchObject({
      replayedRecords: 10,
      replayedSamples: 20,
    });
  });

  it('treats a redelivered batch as a no-op after a restart', async () => {
    let db = await openDb();
    const batch = scrape(MIN);
    db.appendBatch(batch);
    db = await openDb();
    expect(db.appendBatch(batch)).toMatchObject({ appended: 0, same: 6 });
    expect(db.appendBatch(scrape(MIN, ['a'], 1, () => 42)).rejected.duplicate_sample).toBe(1);
  });

  it('rejects out-of-order samples unless the window allows them, also after a restart', async () => {
    let db = await openDb();
    db.appendBatch(scrape(10 * MIN));
    expect(db.appendBatch(scrape(9 * MIN)).rejected.out_of_order).toBe(6);
    await db.close();
    db = await openDb({ outOfOrderWindowMs: 5 * MIN });
    expect(db.appendBatch(scrape(9 * MIN))).toMatchObject({ appended: 6, outOfOrder: 6 });
    expect(db.appendBatch(scrape(2 * MIN)).rejected.too_old).toBe(6);
    db.checkpoint();
    db = await openDb({ outOfOrderWindowMs: 5 * MIN });
    const [first] = await selectAll(db, 0, Infinity);
    expect(first!.samples.map((s) => s.t)).toEqual([9 * MIN, 10 * MIN]);
  });

  it('stores staleness markers as samples', async () => {
    const db = await openDb();
    db.appendBatch([
      { labels: label('a', 0), t: 1, v: 1 },
      { labels: label('a', 0), t: 2, v: Number.NaN, stale: true },
    ]);
    db.checkpoint();
    const [s] = await selectAll(db, 0, 10);
    expect(s!.samples).toEqual([
      { t: 1, v: 1 },
      { t: 2, v: Number.NaN, stale: true },
    ]);
  });

  it('replays the log up to a corrupt record, reports it, and drops the tail', async () => {
    let db = await openDb();
    for (let k = 0; k < 4; k++) db.appendBatch(scrape(k * MIN, ['a'], 1));
    const raw = new Database(join(dir, TSDB_FILE));
    raw.prepare('UPDATE wal SET record = zeroblob(12) WHERE seq = 3').run();
    raw.close();
    db = await openDb();
    const [s] = await selectAll(db, 0, Infinity);
    expect(s!.samples.map((x) => x.t)).toEqual([0, MIN]);
    expect(logs.find((l) => l.level === 'error')).toMatchObject({
      msg: expect.stringMatching(/write-ahead log corrupt/),
      fields: { seq: 3, dropped: 2, reason: expect.stringMatching(/CRC mismatch/) },
    });
    db.appendBatch(scrape(2 * MIN, ['a'], 1));
    expect((await selectAll(db, 0, Infinity))[0]!.samples).toHaveLength(3);
  });

  it('deletes chunks and series older than the retention time', async () => {
    const db = await openDb({ retention: { timeMs: 60 * MIN } });
    for (let k = 0; k < 240; k++) db.appendBatch(scrape(k * MIN, ['a'], 1));
    for (let k = 0; k < 5; k++) db.appendBatch(scrape(k * MIN, ['gone'], 1));
    db.checkpoint();
    // Cut-off 179m: a's first chunk (0-119m) goes; "gone" ended at 4m and had only a head chunk.
    expect(db.applyRetention()).toEqual({ chunksRemoved: 1, seriesRemoved: 1 });
    db.appendBatch(scrape(400 * MIN, ['a'], 1));
    db.checkpoint();
    expect(db.applyRetention()).toEqual({ chunksRemoved: 1, seriesRemoved: 0 });
    expect(await selectAll(db, 0, Infinity, new Matcher('=', 'job', 'gone'))).toEqual([]);
    expect(db.numSeries).toBe(1);
  });

  it('deletes the oldest chunks until the file fits the size limit', async () => {
    const db = await openDb({ retention: { timeMs: 0, sizeBytes: 64 * 1024 } });
    for (let k = 0; k < 2400; k++)
      db.appendBatch(scrape(k * MIN, ['a', 'b'], 10, (i) => Math.random() * i));
    db.checkpoint();
    const result = db.applyRetention();
    expect(result.chunksRemoved).toBeGreaterThan(0);
    const [s] = await selectAll(db, 0, Infinity);
    expect(s!.samples.at(-1)!.t).toBe(2399 * MIN);
    expect(s!.samples[0]!.t).toBeGreaterThan(0);
  });

  it('answers label names, values and index statistics', async () => {
    const db = await openDb();
    db.appendBatch(scrape(MIN));
    const lq = db.labelQuerier(0, 2 * MIN);
    expect(await lq.labelNames()).toEqual(['__name__', 'i', 'job']);
    expect(await lq.labelValues('job', [new Matcher('=', 'i', '2')])).toEqual(['a', 'b']);
    expect(await db.labelQuerier(5 * MIN, 6 * MIN).labelNames()).toEqual([]);
    const stats = await db.indexStats();
    expect(stats).toMatchObject({ numSeries: 6, minTime: MIN, maxTime: MIN });
    expect(stats.pairs).toContainEqual({ name: 'job', value: 'a', series: 3 });
  });

  it('refuses a database of another schema version and use after close', async () => {
    const raw = new Database(join(await mkdtemp(join(tmpdir(), 'tsdb-v-')), TSDB_FILE));
    raw.pragma('user_version = 9');
    const other = raw.name.slice(0, -TSDB_FILE.length - 1);
    raw.close();
    await expect(openTsdb({ path: other })).rejects.toThrow(StoreOpenError);
    await rm(other, { recursive: true, force: true });
    const db = await openDb();
    await db.close();
    expect(() => db.appendBatch(scrape(0))).toThrow(StoreClosedError);
  });
});
