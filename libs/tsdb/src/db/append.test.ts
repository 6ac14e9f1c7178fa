import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import Database from 'better-sqlite3';
import { InvalidSampleError, StoreClosedError, StoreWriteError } from '../errors.js';
import type { HeadAppendResult } from '../head/index.js';
import { TempStores, sample, selectAll } from '../testing/temp-store.js';
import { TSDB_FILE } from './open.js';

const up = { __name__: 'up', job: 'api' };

/** A HeadAppendResult with these counts and the rest zero. */
function result(
  counts: Partial<Omit<HeadAppendResult, 'rejected'>> & {
    rejected?: Partial<HeadAppendResult['rejected']>;
  },
): HeadAppendResult {
  return {
    appended: 0,
    outOfOrder: 0,
    same: 0,
    ...counts,
    rejected: { out_of_order: 0, duplicate_sample: 0, too_old: 0, ...counts.rejected },
  };
}

describe('Tsdb.appendBatch', () => {
  let temp: TempStores;
  beforeEach(async () => {
    temp = await TempStores.create();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('stores a batch and counts it', async () => {
    const store = await temp.open();
    expect(store.appendBatch([sample(up, 1000, 1), sample(up, 2000, 2)])).toEqual(
      result({ appended: 2 }),
    );
    expect(store.numSeries).toBe(1);
    expect(store.counters).toMatchObject({ appended: 2, seriesCreated: 1 });
    expect((await selectAll(store, 0, 5000))[0]!.samples).toEqual([
      { t: 1000, v: 1 },
      { t: 2000, v: 2 },
    ]);
  });

  it('treats a redelivered batch as a no-op counted as same, not an error', async () => {
    const store = await temp.open();
    const batch = [sample(up, 1000, 1), sample({ ...up, job: 'db' }, 1000, 5)];
    store.appendBatch(batch);
    expect(store.appendBatch(batch)).toEqual(result({ same: 2 }));
    expect(store.numSeries).toBe(2);
    expect(store.counters).toMatchObject({ appended: 2, same: 2 });
  });

  it.each([
    ['a later batch', [[sample(up, 1000, 1)], [sample(up, 1000, 99)]]],
    ['the same batch', [[sample(up, 1000, 1), sample(up, 1000, 99)]]],
  ])(
    'keeps the first value for a timestamp repeated in %s, rejecting the other',
    async (_, batches) => {
      const store = await temp.open();
      let duplicates = 0;
      for (const batch of batches) duplicates += store.appendBatch(batch).rejected.duplicate_sample;
      expect(duplicates).toBe(1);
      const [series] = await selectAll(store, 0, 5000);
      expect(series!.samples).toEqual([{ t: 1000, v: 1 }]);
    },
  );

  it('rejects samples older than their series newest as out of order by default', async () => {
    const store = await temp.open();
    store.appendBatch([sample(up, 3000, 3)]);
    expect(store.appendBatch([sample(up, 1000, 1), sample(up, 4000, 4)])).toEqual(
      result({ appended: 1, rejected: { out_of_order: 1 } }),
    );
    expect(store.appendBatch([sample(up, 6000, 6), sample(up, 5000, 5)])).toEqual(
      result({ appended: 1, rejected: { out_of_order: 1 } }),
    );
    const [series] = await selectAll(store, 0, 9000);
    expect(series!.samples.map((s) => s.t)).toEqual([3000, 4000, 6000]);
  });

  it('stores out-of-order samples inside the window, counts them, and reads them in time order', async () => {
    const store = await temp.open({ outOfOrderWindowMs: 2500 });
    store.appendBatch([sample(up, 3000, 3)]);
    expect(store.appendBatch([sample(up, 1000, 1), sample(up, 4000, 4)])).toEqual(
      result({ appended: 2, outOfOrder: 1 }),
    );
    // Within one batch, the batch's own earlier samples count: 2000 is behind 4500.
    expect(store.appendBatch([sample(up, 4500, 4.5), sample(up, 2000, 2)])).toEqual(
      result({ appended: 2, outOfOrder: 1 }),
    );
    // The window counts back from the newest sample (4500): 1999 is outside it.
    expect(store.appendBatch([sample(up, 1999, 0)])).toEqual(result({ rejected: { too_old: 1 } }));
    // A repeat of a stored out-of-order sample is a no-op; another value there, a duplicate.
    expect(store.appendBatch([sample(up, 2000, 2), sample(up, 2000, 7)])).toEqual(
      result({ same: 1, rejected: { duplicate_sample: 1 } }),
    );
    const [series] = await selectAll(store, 0, 9000);
    expect(series!.samples).toEqual([
      { t: 1000, v: 1 },
      { t: 2000, v: 2 },
      { t: 3000, v: 3 },
      { t: 4000, v: 4 },
      { t: 4500, v: 4.5 },
    ]);
  });

  it.each([
    ['an empty label set', { labels: Labels.EMPTY, t: 1, v: 1 }, /label set is empty/],
    ['a fractional timestamp', sample(up, 1.5, 1), /timestamp 1.5 is not an integer/],
    ['a NaN timestamp', sample(up, Number.NaN, 1), /timestamp NaN/],
    ['an unsafe timestamp', sample(up, 2 ** 60, 1), /is not an integer/],
  ])('rejects %s, naming its index, and writes nothing', async (_, bad, message) => {
    const store = await temp.open();
    const write = () => store.appendBatch([sample(up, 1000, 1), bad]);
    expect(write).toThrow(InvalidSampleError);
    expect(write).toThrow(/index 1/);
    expect(write).toThrow(message);
    expect(store.numSeries).toBe(0);
    expect(store.walBytes()).toBe(0);
    expect(await selectAll(store, 0, 5000)).toEqual([]);
  });

  it('rolls back a batch SQLite fails, leaving no trace in memory or on disk', async () => {
    const store = await temp.open();
    store.appendBatch([sample(up, 1, 1)]);
    // A trigger added by another connection injects a real SQLite failure into the log write.
    const other = new Database(join(temp.dir, TSDB_FILE));
    other.exec(`CREATE TRIGGER fail BEFORE INSERT ON wal
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const failed = [sample(up, 2, 2), sample({ ...up, job: 'new' }, 2, 2)];
    const write = () => store.appendBatch(failed);
    expect(write).toThrow(StoreWriteError);
    expect(write).toThrow(/injected failure/);
    expect(store.numSeries).toBe(1);
    expect(store.counters).toMatchObject({ appended: 1, seriesCreated: 1 });
    expect((await selectAll(store, 0, 10)).map((s) => s.samples)).toEqual([[{ t: 1, v: 1 }]]);

    other.exec('DROP TRIGGER fail');
    other.close();
    // Were any of it left in the head, these would count as same rather than appended.
    expect(store.appendBatch(failed)).toEqual(result({ appended: 2 }));
    const image = await temp.crashImage();
    await store.close();
    for (const path of [temp.dir, image]) {
      const reopened = await temp.open({ path });
      expect((await selectAll(reopened, 0, 10)).map((s) => s.labels.get('job'))).toEqual([
        'api',
        'new',
      ]);
      expect((await selectAll(reopened, 0, 10))[0]!.samples).toEqual([
        { t: 1, v: 1 },
        { t: 2, v: 2 },
      ]);
    }
  });

  it('accepts an empty batch', async () => {
    const store = await temp.open();
    expect(store.appendBatch([])).toEqual(result({}));
    expect(store.walBytes()).toBe(0);
  });

  it('refuses to write after close', async () => {
    const store = await temp.open();
    await store.close();
    expect(() => store.appendBatch([sample(up, 1, 1)])).toThrow(StoreClosedError);
    await store.close();
  });
});

describe('Tsdb.appender', () => {
  let temp: TempStores;
  beforeEach(async () => {
    temp = await TempStores.create();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('writes nothing before commit and everything on commit', async () => {
    const store = await temp.open();
    const app = store.appender();
    app.append(sample(up, 1000, 1));
    app.append(sample(up, 2000, 2));
    expect(await selectAll(store, 0, 5000)).toEqual([]);
    await app.commit();
    expect((await selectAll(store, 0, 5000))[0]!.samples).toHaveLength(2);
  });

  it('drops buffered samples on rollback and starts empty after commit', async () => {
    const store = await temp.open();
    const app = store.appender();
    app.append(sample(up, 1000, 1));
    app.rollback();
    await app.commit();
    expect(store.numSeries).toBe(0);
    app.append(sample(up, 2000, 2));
    await app.commit();
    await app.commit();
    expect(store.counters).toMatchObject({ appended: 1, same: 0 });
  });

  it('rejects a failed commit and empties the buffer', async () => {
    const store = await temp.open();
    const app = store.appender();
    app.append({ labels: Labels.EMPTY, t: 1, v: 1 });
    await expect(app.commit()).rejects.toThrow(InvalidSampleError);
    app.append(sample(up, 2000, 2));
    await app.commit();
    expect((await selectAll(store, 0, 5000))[0]!.samples).toEqual([{ t: 2000, v: 2 }]);
  });
});
