import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Labels, Matcher, staleMarker } from '@promethium/model';
import { StoreClosedError } from '../errors.js';
import { TempStores, sample, selectAll } from '../testing/temp-store.js';
import type { Tsdb } from './tsdb.js';

const names = (series: { labels: Labels }[]) => series.map((s) => s.labels.toString());

describe('Tsdb querier', () => {
  let temp: TempStores;
  let store: Tsdb;
  beforeEach(async () => {
    temp = await TempStores.create();
    store = await temp.open();
    // Written out of label order so the sort is the store's doing.
    store.appendBatch([
      sample({ __name__: 'up', job: 'b' }, 1000, 1),
      sample({ __name__: 'up', job: 'a', env: 'prod' }, 1000, 1),
      sample({ __name__: 'up', job: 'a' }, 1000, 1),
      sample({ __name__: 'up', job: 'a' }, 2000, 2),
      sample({ __name__: 'up', job: 'a' }, 3000, 3),
      sample({ __name__: 'http_requests_total', job: 'a' }, 5000, 10),
    ]);
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('yields matching series sorted by labels', async () => {
    expect(names(await selectAll(store, 0, 10_000, [new Matcher('=', '__name__', 'up')]))).toEqual([
      '{__name__="up", env="prod", job="a"}',
      '{__name__="up", job="a"}',
      '{__name__="up", job="b"}',
    ]);
  });

  it.each([
    [[new Matcher('=~', 'job', 'a')], 3],
    [[new Matcher('!=', 'job', 'a')], 1],
    [[new Matcher('=', 'env', '')], 3],
    [[new Matcher('!~', '__name__', 'up|http.*')], 0],
    [[], 4],
  ])('evaluates %j', async (matchers, want) => {
    expect(await selectAll(store, 0, 10_000, matchers)).toHaveLength(want);
  });

  it.each([
    [1000, 3000, [1000, 2000, 3000]],
    [1500, 2500, [2000]],
    [2000, 2000, [2000]],
    [3000, 9000, [3000]],
    [-Infinity, Infinity, [1000, 2000, 3000]],
  ])(
    'returns samples in [%d, %d], both inclusive, also after a reopen',
    async (mint, maxt, want) => {
      const upJobA = Labels.fromRecord({ __name__: 'up', job: 'a' });
      const times = async () => {
        const got = await selectAll(store, mint, maxt, [new Matcher('=', '__name__', 'up')]);
        return got.find((s) => s.labels.equals(upJobA))!.samples.map((s) => s.t);
      };
      expect(await times()).toEqual(want);
      await store.close();
      store = await temp.open();
      expect(await times()).toEqual(want);
    },
  );

  it.each([
    [100, 130],
    [-Infinity, 5],
    [239, 240],
    [295, Infinity],
  ])('reads [%d, %d] across cut chunks on disk and the open chunk', async (mint, maxt) => {
    const long = { __name__: 'long' };
    for (let t = 0; t < 300; t++) store.appendBatch([sample(long, t, t)]);
    store.checkpoint();
    const [series] = await selectAll(store, mint, maxt, [new Matcher('=', '__name__', 'long')]);
    const from = Math.max(mint, 0);
    const to = Math.min(maxt, 299);
    const want = Array.from({ length: to - from + 1 }, (_, i) => ({ t: from + i, v: from + i }));
    expect(series!.samples).toEqual(want);
  });

  it('omits series without a sample in the range, even if their span overlaps it', async () => {
    store.appendBatch([sample({ __name__: 'gap' }, 100, 1), sample({ __name__: 'gap' }, 900, 1)]);
    expect(names(await selectAll(store, 200, 800))).toEqual([]);
    expect(names(await selectAll(store, 1500, 2500))).toEqual(['{__name__="up", job="a"}']);
  });

  it('yields nothing for an inverted range', async () => {
    expect(await selectAll(store, 3000, 1000)).toEqual([]);
  });

  it('includes staleness markers', async () => {
    store.appendBatch([
      { labels: Labels.fromRecord({ __name__: 'up', job: 'b' }), ...staleMarker(4000) },
    ]);
    const [series] = await selectAll(store, 3500, 4500, [new Matcher('=', 'job', 'b')]);
    expect(series!.samples).toEqual([staleMarker(4000)]);
  });

  it('sees batches committed after the querier was created', async () => {
    const querier = store.querier(0, 10_000);
    store.appendBatch([sample({ __name__: 'late' }, 7000, 7)]);
    const got = [];
    for await (const s of querier.select([new Matcher('=', '__name__', 'late')])) got.push(s);
    expect(got).toHaveLength(1);
  });

  it('throws StoreClosedError when the store closes before or during a select', async () => {
    const iterator = store.querier(0, 10_000).select([])[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    await store.close();
    await expect(iterator.next()).rejects.toThrow(StoreClosedError);
    await expect(selectAll(store, 0, 10_000)).rejects.toThrow(StoreClosedError);
  });
});
