import { mergeBuckets } from './histogram-buckets.js';
import type { Bucket } from './histogram-buckets.js';

/**
 * The estimated fraction of a classic histogram's observations between `lower` and
 * `upper`, as Prometheus's BucketFraction: NaN without a +Inf bucket, without
 * observations or for a NaN bound; 0 when lower ≥ upper. Equal bounds are merged;
 * counts are not forced monotonic. See rankBelow for how a bound inside a bucket counts.
 */
export function bucketFraction(lower: number, upper: number, input: readonly Bucket[]): number {
  const buckets = mergeBuckets(input);
  if (buckets === undefined) return NaN;
  const total = buckets.at(-1)!.count;
  if (total === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  const rank = (v: number): number => Math.min(rankBelow(buckets, v), total);
  return (rank(upper) - rank(lower)) / total;
}

/**
 * The estimated number of observations at or below `v`. The lowest bucket starts at 0
 * when its bound is positive, else at -Inf. Inside a finite bucket the count is
 * interpolated linearly. A bucket of infinite width is never split: a value inside
 * the +Inf bucket counts none of it, one inside a lowest bucket reaching down to -Inf
 * counts all of it.
 */
function rankBelow(buckets: readonly Bucket[], v: number): number {
  let below = 0;
  let start = buckets[0]!.upperBound > 0 ? 0 : -Infinity;
  for (const { upperBound: end, count } of buckets) {
    if (start >= v) return below;
    if (v < end) {
      if (start === -Infinity) return count;
      return below + ((count - below) * (v - start)) / (end - start);
    }
    below = count;
    start = end;
  }
  return below;
}
