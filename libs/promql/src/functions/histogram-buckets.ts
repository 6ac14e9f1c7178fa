import type { Labels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import { parseGoFloat } from './go-float.js';

/** One classic-histogram bucket: its `le` upper bound and cumulative count. */
export interface Bucket {
  readonly upperBound: number;
  readonly count: number;
}

/** One classic histogram of an instant vector: its labels without `le` and its buckets. */
export interface BucketGroup {
  readonly labels: Labels;
  /** The time of the group's first sample. */
  readonly t: number;
  readonly buckets: readonly Bucket[];
}

/** An instant vector read as classic histograms, for histogram_quantile(s) and histogram_fraction. */
export interface BucketGroups {
  /** One group per label set without `le`, in first-seen order. */
  readonly groups: readonly BucketGroup[];
  /** Labels of the samples whose `le` is missing or not a float; they were left out. */
  readonly badBuckets: readonly Labels[];
}

/**
 * Groups float samples into classic histograms by their labels minus `le` (`__name__`
 * stays: the engine drops it later), reading each sample as the cumulative count of
 * the bucket its `le` bounds. Samples whose `le` does not parse are reported instead.
 */
export function groupBuckets(samples: readonly InstantSample[]): BucketGroups {
  const groups = new Map<string, { labels: Labels; t: number; buckets: Bucket[] }>();
  const badBuckets: Labels[] = [];
  for (const s of samples) {
    const upperBound = parseGoFloat(s.labels.get('le'));
    if (upperBound === undefined) {
      badBuckets.push(s.labels);
      continue;
    }
    const labels = s.labels.without('le');
    const key = labels.key();
    let group = groups.get(key);
    if (group === undefined) {
      group = { labels, t: s.t, buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upperBound, count: s.v });
  }
  return { groups: [...groups.values()], badBuckets };
}

/**
 * The buckets sorted by bound with equal bounds merged (their counts added), as fresh
 * objects the caller may change; undefined when the highest bound is not +Inf, which
 * leaves the total count unknown.
 */
export function mergeBuckets(
  input: readonly Bucket[],
): { upperBound: number; count: number }[] | undefined {
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.at(-1)?.upperBound !== Infinity) return undefined;
  const out: { upperBound: number; count: number }[] = [];
  for (const b of sorted) {
    const last = out.at(-1);
    if (last !== undefined && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ upperBound: b.upperBound, count: b.count });
  }
  return out;
}
