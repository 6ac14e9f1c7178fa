import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { StoreWriteError } from '../errors.js';
import { TempStores, sample, selectAll } from '../testing/temp-store.js';
import { TSDB_FILE } from './open.js';

const LABELS = { __name__: 'm' };
const points = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => sample(LABELS, from + i, from + i));

describe('checkpoint', () => {
  let temp: TempStores;
  beforeEach(async () => {
    temp = await TempStores.create();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('changes nothing when it fails, so the next checkpoint persists everything', async () => {
    const store = await temp.open({ outOfOrderWindowMs: 1000 });
    store.appendBatch(points(0, 300));
    store.appendBatch([sample(LABELS, -5, -5)]);
    // A trigger from another connection makes the chunk write fail inside the checkpoint.
    const other = new Database(join(temp.dir, TSDB_FILE));
    other.exec(
      `CREATE TRIGGER fail BEFORE INSERT ON chunks BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    );
    expect(() => store.checkpoint()).toThrow(StoreWriteError);
    const all = [-5, ...Array.from({ length: 300 }, (_, i) => i)];
    const read = async (s: typeof store) =>
      (await selectAll(s, -10, 1000)).flatMap((x) => x.samples.map((p) => p.t));
    expect(await read(store)).toEqual(all);
    expect(store.walBytes()).toBeGreaterThan(0);

    other.exec('DROP TRIGGER fail');
    other.close();
    const done = store.checkpoint();
    expect(done.chunks).toBeGreaterThan(1);
    expect(store.walBytes()).toBe(0);
    expect(await read(store)).toEqual(all);
    await store.close();
    expect(await read(await temp.open())).toEqual(all);
  });
});
