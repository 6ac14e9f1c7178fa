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

function groupPairs(labels: Labels, grouping: Grouping): (readonly [string, string])[] {
  const names = new Set(grouping.labels);
  // `without` always drops the metric name as well; `by` keeps only what is named.
  return [...labels].filter(([n]) =>
    grouping.without ? !names.has(n) && n !== METRIC_NAME : names.has(n),
  );
}

/** The output labels of the group `labels` falls in. */
export function groupLabels(labels: Labels, grouping: Grouping): Labels {
  return Labels.fromPairs(groupPairs(labels, grouping));
}

/** Splits samples into groups, in order of each group's first sample. */
export function groupSamples(input: readonly InstantSample[], grouping: Grouping): Group[] {
  const byKey = new Map<string, Group>();
  for (const s of input) {
    const labels = groupLabels(s.labels, grouping);
    const key = labels.key();
    let group = byKey.get(key);
    if (group === undefined) {
      group = { labels, samples: [] };
      byKey.set(key, group);
    }
    group.samples.push(s);
  }
  return [...byKey.values()];
}
