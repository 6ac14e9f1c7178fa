import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/model';
import { StoreClosedError } from '../errors.js';
import { TempStores, sample } from '../testing/temp-store.js';
import type { Tsdb } from './tsdb.js';

describe('Tsdb label queries', () => {
  let temp: TempStores;
  let store: Tsdb;
  beforeEach(async () => {
    temp = await TempStores.create();
    store = await temp.open();
    store.appendBatch([
      sample({ __name__: 'up', job: 'b' }, 1000, 1),
      sample({ __name__: 'up', job: 'a', env: 'prod' }, 1000, 1),
      sample({ __name__: 'up', job: 'a' }, 3000, 1),
      sample({ __name__: 'http_requests_total', job: 'a', code: '200' }, 5000, 10),
    ]);
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it.each<[string, number, number, Matcher[], string[]]>([
    ['all', 0, 10_000, [], ['__name__', 'code', 'env', 'job']],
    ['matched', 0, 10_000, [new Matcher('=', '__name__', 'up')], ['__name__', 'env', 'job']],
    ['in range', 2000, 4000, [], ['__name__', 'job']],
    ['nothing matched', 0, 10_000, [new Matcher('=', 'job', 'zzz')], []],
    ['before any sample', 0, 999, [], []],
  ])('label names: %s', async (_what, mint, maxt, matchers, want) => {
    expect(await store.labelQuerier(mint, maxt).labelNames(matchers)).toEqual(want);
  });

  it.each<[string, string, number, number, Matcher[], string[]]>([
    ['names', '__name__', 0, 10_000, [], ['http_requests_total', 'up']],
    ['jobs of up', 'job', 0, 10_000, [new Matcher('=', '__name__', 'up')], ['a', 'b']],
    ['jobs in range', 'job', 4000, 6000, [], ['a']],
    ['an absent label', 'nope', 0, 10_000, [], []],
    ['env with regex', 'env', 0, 10_000, [new Matcher('=~', 'job', 'a|b')], ['prod']],
  ])('label values: %s', async (_what, name, mint, maxt, matchers, want) => {
    expect(await store.labelQuerier(mint, maxt).labelValues(name, matchers)).toEqual(want);
  });

  it('counts series per label pair and spans every sample, also after a reopen', async () => {
    const check = async () => {
      const stats = await store.indexStats();
      expect(stats.numSeries).toBe(4);
      expect([stats.minTime, stats.maxTime]).toEqual([1000, 5000]);
      const byPair = Object.fromEntries(stats.pairs.map((p) => [`${p.name}=${p.value}`, p.series]));
      expect(byPair).toEqual({
        '__name__=up': 3,
        '__name__=http_requests_total': 1,
        'job=a': 3,
        'job=b': 1,
        'env=prod': 1,
        'code=200': 1,
      });
    };
    await check();
    await store.close();
    store = await temp.open();
    await check();
  });

  it('reports an empty store with an inverted span', async () => {
    const other = await TempStores.create();
    const empty = await other.open();
    try {
      expect(await empty.indexStats()).toEqual({
        numSeries: 0,
        minTime: Infinity,
        maxTime: -Infinity,
        pairs: [],
      });
    } finally {
      await other.dispose();
    }
  });

  it('throws StoreClosedError once closed', async () => {
    await store.close();
    await expect(store.labelQuerier(0, 1).labelNames()).rejects.toThrow(StoreClosedError);
    await expect(store.labelQuerier(0, 1).labelValues('job')).rejects.toThrow(StoreClosedError);
    await expect(store.indexStats()).rejects.toThrow(StoreClosedError);
  });
});
