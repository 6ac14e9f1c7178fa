import { describe, expect, it } from '@jest/globals';
import { parseGoFloat } from './go-float.js';
import type { Bucket } from './histogram-buckets.js';
import { bucketQuantile } from './histogram-quantile.js';

const b = (...pairs: [number, number][]): Bucket[] =>
  pairs.map(([upperBound, count]) => ({ upperBound, count }));
const regular = b([1, 10], [2, 20], [Infinity, 20]);

describe('bucketQuantile', () => {
  const cases: [string, number, Bucket[], number, boolean][] = [
    ['lowest bucket interpolates from 0', 0.5, regular, 1, false],
    ['middle bucket', 0.75, regular, 1.5, false],
    ['q = 1', 1, regular, 2, false],
    ['rank in +Inf gives the highest finite bound', 0.9, b([1, 10], [Infinity, 20]), 1, false],
    ['non-positive lowest bound is returned as is', 0.2, b([-1, 5], [Infinity, 10]), -1, false],
    ['unsorted input', 0.75, b([Infinity, 20], [2, 20], [1, 10]), 1.5, false],
    ['equal bounds are merged', 0.5, b([1, 5], [1, 5], [Infinity, 20]), 1, false],
    ['no +Inf bucket', 0.5, b([1, 10], [2, 20]), NaN, false],
    ['only +Inf', 0.5, b([Infinity, 20]), NaN, false],
    ['no observations', 0.5, b([1, 0], [Infinity, 0]), NaN, false],
    ['q < 0', -0.1, regular, -Infinity, false],
    ['q > 1', 1.1, regular, Infinity, false],
    ['q NaN', NaN, regular, NaN, false],
    // 10, 8, 12 becomes 10, 10, 12: rank 6 lies in the first bucket.
    ['monotonicity forced', 0.5, b([1, 10], [2, 8], [Infinity, 12]), 0.6, true],
    // A relative difference of 1e-15 is float noise, silently ignored.
    ['tiny decrease ignored', 0.5, b([1, 10], [2, 10 - 1e-14], [Infinity, 20]), 1, false],
  ];
  it.each(cases)('%s', (_name, q, buckets, value, forced) => {
    const got = bucketQuantile(q, buckets);
    if (Number.isFinite(value)) expect(got.value).toBeCloseTo(value, 12);
    else expect(got.value).toBe(value);
    expect(got.forcedMonotonicity).toBe(forced);
  });
});

describe('parseGoFloat', () => {
  const cases: [string, number | undefined][] = [
    ['1', 1],
    ['0.25', 0.25],
    ['1.', 1],
    ['.5', 0.5],
    ['-2e3', -2000],
    ['+Inf', Infinity],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['NaN', NaN],
    ['+NaN', undefined],
    ['', undefined],
    ['1e400', undefined],
    ['1_0', undefined],
    [' 1', undefined],
    ['0x10', undefined],
  ];
  it.each(cases)('%p', (text, want) => {
    expect(parseGoFloat(text)).toBe(want);
  });
});
