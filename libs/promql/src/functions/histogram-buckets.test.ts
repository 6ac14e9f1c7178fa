import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import { groupBuckets, mergeBuckets, type Bucket } from './histogram-buckets.js';

const b = (...pairs: [number, number][]): Bucket[] =>
  pairs.map(([upperBound, count]) => ({ upperBound, count }));

describe('groupBuckets', () => {
  const bucket = (le: string | undefined, v: number, job = 'a', t = 1000): InstantSample => ({
    labels: Labels.fromRecord({ __name__: 'h_bucket', job, ...(le === undefined ? {} : { le }) }),
    t,
    v,
  });

  it('groups by labels without le, in first-seen order, at the first sample time', () => {
    const got = groupBuckets([
      bucket('1', 10, 'b', 2000),
      bucket('1', 1),
      bucket('+Inf', 20, 'b', 3000),
      bucket('2.0', 2),
      bucket('+inf', 3),
    ]);
    expect(got.groups.map((g) => [g.labels.toString(), g.t, g.buckets])).toEqual([
      ['{__name__="h_bucket", job="b"}', 2000, b([1, 10], [Infinity, 20])],
      ['{__name__="h_bucket", job="a"}', 1000, b([1, 1], [2, 2], [Infinity, 3])],
    ]);
    expect(got.badBuckets).toEqual([]);
  });

  it('reports samples whose le is missing or not a float', () => {
    const got = groupBuckets([bucket('abc', 5), bucket(undefined, 1), bucket('1', 2)]);
    expect(got.badBuckets.map((l) => l.get('le'))).toEqual(['abc', '']);
    expect(got.groups.map((g) => g.buckets)).toEqual([b([1, 2])]);
  });
});

describe('mergeBuckets', () => {
  const cases: [string, Bucket[], Bucket[] | undefined][] = [
    ['sorts by bound', b([Infinity, 9], [2, 5], [1, 3]), b([1, 3], [2, 5], [Infinity, 9])],
    ['adds counts of equal bounds', b([1, 3], [1, 4], [Infinity, 9]), b([1, 7], [Infinity, 9])],
    ['only +Inf', b([Infinity, 9]), b([Infinity, 9])],
    ['no +Inf bucket', b([1, 3], [2, 5]), undefined],
    ['no buckets', [], undefined],
  ];
  it.each(cases)('%s', (_name, input, want) => {
    expect(mergeBuckets(input)).toEqual(want);
  });
});
