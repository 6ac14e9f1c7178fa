import { describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/model';
import { FanoutLabelQueryable, mergeSortedUnique } from './label-merge.js';
import { sumIndexStats } from './stats-merge.js';
import type { LabelQueryable } from './interface.js';

describe('mergeSortedUnique', () => {
  it.each<[string[][], string[]]>([
    [[], []],
    [
      [['a', 'c'], ['b', 'c'], []],
      ['a', 'b', 'c'],
    ],
    [[['x'], ['x'], ['x']], ['x']],
    [
      [['B', 'a'], ['_']],
      ['B', '_', 'a'],
    ],
  ])('%j -> %j', (lists, want) => {
    expect(mergeSortedUnique(lists)).toEqual(want);
  });
});

describe('FanoutLabelQueryable', () => {
  it('hands range and matchers to every member and merges their answers', async () => {
    const calls: unknown[] = [];
    const member = (names: string[]): LabelQueryable => ({
      labelQuerier: (mint, maxt) => ({
        labelNames: async (matchers) => {
          calls.push(['names', mint, maxt, matchers?.length]);
          return names;
        },
        labelValues: async (name, matchers) => {
          calls.push(['values', name, matchers?.length]);
          return names.map((n) => `${name}-${n}`);
        },
      }),
    });
    const q = new FanoutLabelQueryable([member(['a', 'job']), member(['job', 'z'])]).labelQuerier(
      1,
      2,
    );
    const m = [new Matcher('=', 'job', 'x')];
    expect(await q.labelNames(m)).toEqual(['a', 'job', 'z']);
    expect(await q.labelValues('v')).toEqual(['v-a', 'v-job', 'v-z']);
    expect(calls).toEqual([
      ['names', 1, 2, 1],
      ['names', 1, 2, 1],
      ['values', 'v', undefined],
      ['values', 'v', undefined],
    ]);
  });
});

describe('sumIndexStats', () => {
  it('adds series and pair counts and widens the time span', () => {
    const got = sumIndexStats([
      { numSeries: 2, minTime: 10, maxTime: 20, pairs: [{ name: 'job', value: 'a', series: 2 }] },
      {
        numSeries: 1,
        minTime: 5,
        maxTime: 15,
        pairs: [
          { name: 'job', value: 'a', series: 1 },
          { name: 'job', value: 'b', series: 1 },
        ],
      },
      { numSeries: 0, minTime: Infinity, maxTime: -Infinity, pairs: [] },
    ]);
    expect(got).toEqual({
      numSeries: 3,
      minTime: 5,
      maxTime: 20,
      pairs: [
        { name: 'job', value: 'a', series: 3 },
        { name: 'job', value: 'b', series: 1 },
      ],
    });
  });
});
