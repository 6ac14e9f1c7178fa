import { Labels, METRIC_NAME } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';

/** `by (labels)` or `without (labels)`; `sum(x)` is `by ()`. */
export interface Grouping {
  readonly without: boolean;
  readonly labels: readonly string[];
}

/** The grouping of an aggregation without a by/without clause. */
export const NO_GROUPING: Grouping = { without: false, labels: [] };

/** Input samples of one output group, in input order, with the group's output labels. */
export interface Group {
  readonly labels: Labels;
  readonly samples: InstantSample[];
}

// Per grouping, its names as a set and the group labels of each input label set seen so
// far: a range query meets the same Labels instance at every step, and Labels are
// immutable, so each series' group labels are built once. Group labels are interned by
// key, so groupSamples can tell groups apart by identity rather than by key string.
interface GroupCache {
  readonly names: ReadonlySet<string>;
  readonly byLabels: WeakMap<Labels, Labels>;
  readonly interned: Map<string, Labels>;
}
const caches = new WeakMap<Grouping, GroupCache>();

function cacheOf(grouping: Grouping): GroupCache {
  let cache = caches.get(grouping);
  if (cache === undefined) {
    cache = { names: new Set(grouping.labels), byLabels: new WeakMap(), interned: new Map() };
    caches.set(grouping, cache);
  }
  return cache;
}

/** The output labels of the group `labels` falls in. */
export function groupLabels(labels: Labels, grouping: Grouping): Labels {
  return cachedGroupLabels(labels, grouping, cacheOf(grouping));
}

function cachedGroupLabels(labels: Labels, grouping: Grouping, cache: GroupCache): Labels {
  let out = cache.byLabels.get(labels);
  if (out === undefined) {
    const names = cache.names;
    // `without` always drops the metric name as well; `by` keeps only what is named.
    const pairs = [...labels].filter(([n]) =>
      grouping.without ? !names.has(n) && n !== METRIC_NAME : names.has(n),
    );
    const fresh = Labels.fromPairs(pairs);
    out = cache.interned.get(fresh.key());
    if (out === undefined) {
      out = fresh;
      cache.interned.set(fresh.key(), fresh);
    }
    cache.byLabels.set(labels, out);
  }
  return out;
}

/** Splits samples into groups, in order of each group's first sample. */
export function groupSamples(input: readonly InstantSample[], grouping: Grouping): Group[] {
  const cache = cacheOf(grouping);
  const byLabels = new Map<Labels, Group>();
  for (const s of input) {
    const labels = cachedGroupLabels(s.labels, grouping, cache);
    let group = byLabels.get(labels);
    if (group === undefined) {
      group = { labels, samples: [] };
      byLabels.set(labels, group);
    }
    group.samples.push(s);
  }
  return [...byLabels.values()];
}
