import { describe, expect, it } from '@jest/globals';
import { bucketFraction } from './histogram-fraction.js';
import type { Bucket } from './histogram-buckets.js';

const b = (...pairs: [number, number][]): Bucket[] =>
  pairs.map(([upperBound, count]) => ({ upperBound, count }));
// Bucket (0,1] holds 1 observation, (1,2] 2, (2,3] 3 and (3,+Inf] 94.
const positive = b([1, 1], [2, 3], [3, 6], [Infinity, 100]);
// Bucket (-Inf,-3] holds 10 observations, (-3,-2] 2, (-2,-1] 3 and (-1,+Inf] 85.
const negative = b([-3, 10], [-2, 12], [-1, 15], [Infinity, 100]);

describe('bucketFraction', () => {
  const cases: [string, number, number, Bucket[], number][] = [
    ['interpolates inside a bucket', 0, 1.5, positive, 0.02],
    ['bounds on bucket boundaries', 1, 3, positive, 0.05],
    ['lower on a boundary, upper inside +Inf', 2, 3.5, positive, 0.03],
    ['lowest bucket starts at 0 for a positive bound', 0.5, 2, positive, 0.025],
    ['whole range', -Infinity, Infinity, positive, 1],
    ['inside +Inf counts none of it', 4, 5, positive, 0],
    ['up to +Inf counts all of it', 400, Infinity, positive, 0.94],
    ['below every bucket', -10, -5, positive, 0],
    ['lowest bucket reaching -Inf is never split', -4, -2, negative, 0.02],
    ['from -Inf', -Infinity, -1.5, negative, 0.135],
    ['whole range of negative buckets', -Infinity, Infinity, negative, 1],
    ['crossing zero', -2, 0.5, b([-2, 5], [0, 15], [1, 20], [Infinity, 100]), 0.125],
    ['lower equals upper', 2, 2, positive, 0],
    ['lower above upper', 3, 2, positive, 0],
    ['unsorted, equal bounds merged', 0, 2, b([Infinity, 8], [2, 2], [1, 1], [2, 1]), 0.375],
    ['counts are not forced monotonic', 1, 3, b([1, 4], [2, 2], [3, 6], [Infinity, 8]), 0.25],
    ['only +Inf', 0, 1, b([Infinity, 100]), 0],
    ['lower NaN', NaN, 1, positive, NaN],
    ['upper NaN', 0, NaN, positive, NaN],
    ['no observations', 0, 5, b([1, 0], [Infinity, 0]), NaN],
    ['no +Inf bucket', 0, 1, b([1, 1], [2, 3]), NaN],
  ];
  it.each(cases)('%s', (_name, lower, upper, buckets, want) => {
    const got = bucketFraction(lower, upper, buckets);
    if (Number.isNaN(want)) expect(got).toBeNaN();
    else expect(got).toBeCloseTo(want, 12);
  });
});
