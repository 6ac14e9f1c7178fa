import { matchesAll } from '@promethium/model';
import type { Matcher } from '@promethium/model';
import type { IndexStats, LabelPairCount } from '@promethium/storage';
import type { SeriesEntry } from './series-index.js';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function* live(
  entries: Iterable<SeriesEntry>,
  matchers: readonly Matcher[],
  mint: number,
  maxt: number,
): Iterable<SeriesEntry> {
  for (const entry of entries) {
    if (entry.maxt < mint || entry.mint > maxt) continue;
    if (matchesAll(matchers, entry.labels)) yield entry;
  }
}

/** Sorted distinct label names of the matching series whose span overlaps [mint, maxt]. */
export function labelNamesOf(
  entries: Iterable<SeriesEntry>,
  matchers: readonly Matcher[],
  mint: number,
  maxt: number,
): string[] {
  const names = new Set<string>();
  for (const entry of live(entries, matchers, mint, maxt))
    for (const [name] of entry.labels) names.add(name);
  return [...names].sort(byCodeUnit);
}

/** Sorted distinct values of label `name` over the matching series overlapping [mint, maxt]. */
export function labelValuesOf(
  entries: Iterable<SeriesEntry>,
  name: string,
  matchers: readonly Matcher[],
  mint: number,
  maxt: number,
): string[] {
  const values = new Set<string>();
  for (const entry of live(entries, matchers, mint, maxt)) {
    const value = entry.labels.get(name);
    if (value !== '') values.add(value);
  }
  return [...values].sort(byCodeUnit);
}

/** Series count per label pair and the time span of every series that has samples. */
export function indexStatsOf(entries: Iterable<SeriesEntry>): IndexStats {
  const pairs = new Map<string, { name: string; value: string; series: number }>();
  let numSeries = 0;
  let minTime = Infinity;
  let maxTime = -Infinity;
  for (const entry of entries) {
    numSeries++;
    minTime = Math.min(minTime, entry.mint);
    maxTime = Math.max(maxTime, entry.maxt);
    for (const [name, value] of entry.labels) {
      const key = `${name}\0${value}`;
      const pair = pairs.get(key);
      if (pair) pair.series++;
      else pairs.set(key, { name, value, series: 1 });
    }
  }
  return { numSeries, minTime, maxTime, pairs: [...pairs.values()] as LabelPairCount[] };
}
