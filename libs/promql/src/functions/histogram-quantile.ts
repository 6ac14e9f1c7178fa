import { mergeBuckets } from './histogram-buckets.js';
import type { Bucket } from './histogram-buckets.js';

// Relative differences below this between neighbouring buckets are float noise.
const SMALL_DELTA_TOLERANCE = 1e-12;
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * The φ-quantile of classic buckets, as Prometheus's BucketQuantile: NaN for a NaN q,
 * -Inf for q < 0, +Inf for q > 1; NaN without a +Inf bucket, with fewer than two
 * distinct bounds or with no observations. Equal bounds are merged, counts forced
 * monotonic, and the result interpolated linearly inside the bucket (from 0 in the
 * lowest one when its bound is positive; the highest finite bound when the rank
 * falls into +Inf). `forcedMonotonicity` reports that decreasing counts were fixed.
 */
export function bucketQuantile(
  q: number,
  input: readonly Bucket[],
): { value: number; forcedMonotonicity: boolean } {
  if (Number.isNaN(q)) return { value: NaN, forcedMonotonicity: false };
  if (q < 0) return { value: -Infinity, forcedMonotonicity: false };
  if (q > 1) return { value: Infinity, forcedMonotonicity: false };
  const buckets = mergeBuckets(input);
  if (buckets === undefined) return { value: NaN, forcedMonotonicity: false };
  const forcedMonotonicity = makeMonotonic(buckets);
  if (buckets.length < 2) return { value: NaN, forcedMonotonicity };
  const observations = buckets.at(-1)!.count;
  if (observations === 0) return { value: NaN, forcedMonotonicity };
  return { value: interpolateRank(buckets, q * observations), forcedMonotonicity };
}

function interpolateRank(buckets: readonly Bucket[], rank: number): number {
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b]!.count >= rank)) b++;
  if (b === buckets.length - 1) return buckets[b - 1]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  const end = buckets[b]!.upperBound;
  let start = 0;
  let count = buckets[b]!.count;
  if (b > 0) {
    start = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return start + (end - start) * (rank / count);
}

/**
 * Ignores float-noise differences between neighbours and raises any count that drops
 * below its predecessor; returns whether a real drop had to be fixed.
 */
function makeMonotonic(buckets: { count: number }[]): boolean {
  let forced = false;
  let prev = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i]!.count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
      buckets[i]!.count = prev;
      continue;
    }
    if (curr < prev) {
      buckets[i]!.count = prev;
      forced = true;
      continue;
    }
    prev = curr;
  }
  return forced;
}

function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}
