import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InvalidSampleError, StoreClosedError, StoreWriteError } from './errors.js';
import { DB_FILE } from './open-store.js';
import { TempStores, sample, selectAll } from './testing/temp-store.js';

const up = { __name__: 'up', job: 'api' };

describe('SqliteStore.appendBatch', () => {
  let temp: TempStores;
  beforeEach(async () => {
    temp = await TempStores.create();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('stores a batch and counts it', async () => {
    const store = await temp.open();
    const result = await store.appendBatch([sample(up, 1000, 1), sample(up, 2000, 2)]);
    expect(result).toEqual({ appended: 2, duplicates: 0, outOfOrder: 0 });
    expect(store.stats()).toEqual({ series: 1, samples: 2 });
  });

  it('treats a redelivered batch as duplicates, not an error', async () => {
    const store = await temp.open();
    const batch = [sample(up, 1000, 1), sample({ ...up, job: 'db' }, 1000, 5)];
    await store.appendBatch(batch);
    expect(await store.appendBatch(batch)).toEqual({ appended: 0, duplicates: 2, outOfOrder: 0 });
    expect(store.stats()).toEqual({ series: 2, samples: 2 });
  });

  it.each([
    ['a later batch', [[sample(up, 1000, 1)], [sample(up, 1000, 99)]]],
    ['the same batch', [[sample(up, 1000, 1), sample(up, 1000, 99)]]],
  ])('keeps the first value written for a timestamp repeated in %s', async (_, batches) => {
    const store = await temp.open();
    let duplicates = 0;
    for (const batch of batches) duplicates += (await store.appendBatch(batch)).duplicates;
    expect(duplicates).toBe(1);
    const [series] = await selectAll(store, 0, 5000);
    expect(series!.samples).toEqual([{ t: 1000, v: 1 }]);
  });

  it('stores out-of-order samples, counts them, and reads them back in time order', async () => {
    const store = await temp.open();
    await store.appendBatch([sample(up, 3000, 3)]);
    const result = await store.appendBatch([sample(up, 1000, 1), sample(up, 4000, 4)]);
    expect(result).toEqual({ appended: 2, duplicates: 0, outOfOrder: 1 });
    const [series] = await selectAll(store, 0, 5000);
    expect(series!.samples.map((s) => s.t)).toEqual([1000, 3000, 4000]);
  });

  it('counts out-of-order samples within one batch against the batch itself', async () => {
    const store = await temp.open();
    const result = await store.appendBatch([sample(up, 2000, 2), sample(up, 1000, 1)]);
    expect(result).toEqual({ appended: 2, duplicates: 0, outOfOrder: 1 });
  });

  it.each([
    ['an empty label set', { labels: Labels.EMPTY, t: 1, v: 1 }, /label set is empty/],
    ['a fractional timestamp', sample(up, 1.5, 1), /timestamp 1.5 is not an integer/],
    ['a NaN timestamp', sample(up, Number.NaN, 1), /timestamp NaN/],
    ['an unsafe timestamp', sample(up, 2 ** 60, 1), /is not an integer/],
  ])('rejects %s, naming its index, and writes nothing', async (_, bad, message) => {
    const store = await temp.open();
    const write = store.appendBatch([sample(up, 1000, 1), bad]);
    await expect(write).rejects.toThrow(InvalidSampleError);
    await expect(write).rejects.toThrow(/index 1/);
    await expect(write).rejects.toThrow(message);
    expect(store.stats()).toEqual({ series: 0, samples: 0 });
    expect(await selectAll(store, 0, 5000)).toEqual([]);
  });

  it('rolls back a batch SQLite fails midway, leaving no trace in memory or on disk', async () => {
    const store = await temp.open();
    // A trigger added by another connection injects a real SQLite failure at t=666.
    const other = new Database(join(temp.dir, DB_FILE));
    other.exec(`CREATE TRIGGER fail BEFORE INSERT ON samples WHEN NEW.t = 666
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const write = store.appendBatch([sample(up, 1, 1), sample(up, 666, 1)]);
    await expect(write).rejects.toThrow(StoreWriteError);
    await expect(write).rejects.toThrow(/injected failure/);
    expect(store.stats()).toEqual({ series: 0, samples: 0 });

    other.exec('DROP TRIGGER fail');
    other.close();
    expect(await store.appendBatch([sample(up, 1, 1)])).toMatchObject({ appended: 1 });
    await store.close();
    const reopened = await temp.open();
    expect(reopened.stats()).toEqual({ series: 1, samples: 1 });
    expect((await selectAll(reopened, 0, 10))[0]!.labels.toRecord()).toEqual(up);
  });

  it('accepts an empty batch', async () => {
    const store = await temp.open();
    expect(await store.appendBatch([])).toEqual({ appended: 0, duplicates: 0, outOfOrder: 0 });
  });

  it('refuses to write after close', async () => {
    const store = await temp.open();
    await store.close();
    await expect(store.appendBatch([sample(up, 1, 1)])).rejects.toThrow(StoreClosedError);
    await store.close();
  });
});

describe('SqliteStore.appender', () => {
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
    expect(store.stats().samples).toBe(2);
  });

  it('drops buffered samples on rollback and starts empty after commit', async () => {
    const store = await temp.open();
    const app = store.appender();
    app.append(sample(up, 1000, 1));
    app.rollback();
    await app.commit();
    expect(store.stats().samples).toBe(0);
    app.append(sample(up, 2000, 2));
    await app.commit();
    await app.commit();
    expect(store.stats().samples).toBe(1);
  });

  it('empties the buffer when a commit fails', async () => {
    const store = await temp.open();
    const app = store.appender();
    app.append({ labels: Labels.EMPTY, t: 1, v: 1 });
    await expect(app.commit()).rejects.toThrow(InvalidSampleError);
    app.append(sample(up, 2000, 2));
    await app.commit();
    expect(store.stats().samples).toBe(1);
  });
});
