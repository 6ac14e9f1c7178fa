import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { Sample } from '@promethium/model';
import { FanoutQueryable, mergeSamples, mergeSeriesSets } from './merge.js';
import type { Queryable } from './interface.js';
import type { Series } from '@promethium/model';

const series = (rec: Record<string, string>, ...points: [number, number][]): Series => ({
  labels: Labels.fromRecord(rec),
  samples: points.map(([t, v]): Sample => ({ t, v })),
});

async function* of(...items: Series[]): AsyncIterable<Series> {
  yield* items;
}

async function all(set: AsyncIterable<Series>): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of set) out.push(s);
  return out;
}

describe('mergeSeriesSets', () => {
  it('sorts series from every set and joins equal label sets', async () => {
    const merged = await all(
      mergeSeriesSets([
        of(series({ a: '2' }, [1, 1]), series({ a: '3' }, [1, 3])),
        of(series({ a: '1' }, [1, 0]), series({ a: '2' }, [2, 2])),
      ]),
    );
    expect(merged.map((s) => s.labels.get('a'))).toEqual(['1', '2', '3']);
    expect(merged[1]!.samples).toEqual([
      { t: 1, v: 1 },
      { t: 2, v: 2 },
    ]);
  });
});

describe('mergeSamples', () => {
  it('interleaves by time and keeps the first on equal timestamps', () => {
    const a: Sample[] = [
      { t: 1, v: 1 },
      { t: 3, v: 3 },
    ];
    const b: Sample[] = [
      { t: 2, v: 2 },
      { t: 3, v: 99 },
      { t: 4, v: 4 },
    ];
    expect(mergeSamples(a, b).map((s) => [s.t, s.v])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });
});

describe('FanoutQueryable', () => {
  it('passes the time range to every member and merges', async () => {
    const ranges: [number, number][] = [];
    const member = (s: Series): Queryable => ({
      querier(mint, maxt) {
        ranges.push([mint, maxt]);
        return { select: () => of(s) };
      },
    });
    const fanout = new FanoutQueryable([
      member(series({ a: '1' }, [5, 1])),
      member(series({ a: '0' }, [5, 0])),
    ]);
    const got = await all(fanout.querier(0, 10).select([]));
    expect(ranges).toEqual([
      [0, 10],
      [0, 10],
    ]);
    expect(got.map((s) => s.labels.get('a'))).toEqual(['0', '1']);
  });
});
