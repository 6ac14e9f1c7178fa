import type { Labels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import { parseGoFloat } from './go-float.js';

/** One classic-histogram bucket: its `le` upper bound and cumulative count. */
export interface Bucket {
  readonly upperBound: number;
  readonly count: number;
}

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
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.at(-1)?.upperBound !== Infinity) return { value: NaN, forcedMonotonicity: false };
  const buckets = coalesce(sorted);
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

/** Merges buckets with equal bounds (sorted input) by adding their counts. */
function coalesce(sorted: readonly Bucket[]): { upperBound: number; count: number }[] {
  const out: { upperBound: number; count: number }[] = [];
  for (const b of sorted) {
    const last = out.at(-1);
    if (last !== undefined && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ upperBound: b.upperBound, count: b.count });
  }
  return out;
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

/** What histogramQuantile found besides the results, for the engine's annotations. */
export interface HistogramQuantileResult {
  readonly samples: InstantSample[];
  /** `le` values that do not parse as floats; those samples were skipped. */
  readonly badBuckets: readonly string[];
  /** Label sets (without `le`) whose bucket counts had to be forced monotonic. */
  readonly forcedMonotonicity: readonly Labels[];
}

/**
 * `histogram_quantile(q, v)` over classic buckets: groups samples by their labels minus
 * `le`, computes bucketQuantile per group, and returns one sample per group labelled
 * without `le`, at the time of the group's first sample, in first-seen
 * order. `__name__` is kept: the engine drops it (see dropsMetricName). Samples whose
 * `le` does not parse are skipped and reported.
 */
export function histogramQuantile(
  q: number,
  samples: readonly InstantSample[],
): HistogramQuantileResult {
  const groups = new Map<string, { labels: Labels; t: number; buckets: Bucket[] }>();
  const badBuckets: string[] = [];
  for (const s of samples) {
    const upperBound = parseGoFloat(s.labels.get('le'));
    if (upperBound === undefined) {
      badBuckets.push(s.labels.get('le'));
      continue;
    }
    const key = s.labels.without('le').key();
    let group = groups.get(key);
    if (group === undefined) {
      group = { labels: s.labels.without('le'), t: s.t, buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upperBound, count: s.v });
  }
  const out: InstantSample[] = [];
  const forced: Labels[] = [];
  for (const g of groups.values()) {
    const r = bucketQuantile(q, g.buckets);
    if (r.forcedMonotonicity) forced.push(g.labels);
    out.push({ labels: g.labels, t: g.t, v: r.value });
  }
  return { samples: out, badBuckets, forcedMonotonicity: forced };
}
