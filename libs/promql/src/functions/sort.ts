import { compareLabels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import { naturalLess } from './natsort.js';

/** Values ascending for `sort`, NaN last; ties keep their input order. */
function byValue(descending: boolean): (a: InstantSample, b: InstantSample) => number {
  return (a, b) => {
    const an = Number.isNaN(a.v);
    const bn = Number.isNaN(b.v);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    if (a.v === b.v) return 0;
    return a.v < b.v !== descending ? -1 : 1;
  };
}

/** `sort(v)`: samples by ascending value, NaN at the end. */
export function sort(samples: readonly InstantSample[]): InstantSample[] {
  return [...samples].sort(byValue(false));
}

/** `sort_desc(v)`: samples by descending value, NaN at the end. */
export function sortDesc(samples: readonly InstantSample[]): InstantSample[] {
  return [...samples].sort(byValue(true));
}

/**
 * `sort_by_label(v, label...)`: samples by the given labels' values in natural order
 * (`a2` before `a10`); ties, and samples equal on every given label, fall back to the
 * full label set.
 */
export function sortByLabel(
  samples: readonly InstantSample[],
  labels: readonly string[],
): InstantSample[] {
  return [...samples].sort((a, b) => compareByLabels(a, b, labels));
}

/** `sort_by_label_desc(v, label...)`: the reverse order of sortByLabel. */
export function sortByLabelDesc(
  samples: readonly InstantSample[],
  labels: readonly string[],
): InstantSample[] {
  return [...samples].sort((a, b) => -compareByLabels(a, b, labels));
}

function compareByLabels(a: InstantSample, b: InstantSample, labels: readonly string[]): number {
  for (const name of labels) {
    const x = a.labels.get(name);
    const y = b.labels.get(name);
    if (x !== y) return naturalLess(x, y) ? -1 : 1;
  }
  return compareLabels(a.labels, b.labels);
}
