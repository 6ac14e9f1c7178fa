import { compareLabels, matchesAll } from '@promethium/model';
import type { Labels, Matcher, Sample, Series } from '@promethium/model';
import type { Querier, Queryable } from '@promethium/storage';

/**
 * A sample as the test harness stores it: a float sample (a staleness marker is
 * `stale: true`; `st` is its start timestamp, if any) or a native histogram sample, of which only the time is kept
 * because the engine cannot read histograms yet.
 */
export type StoredSample = Sample | { readonly t: number; readonly histogram: true };

interface MemorySeries {
  readonly labels: Labels;
  readonly byTime: Map<number, StoredSample>;
  /** Float samples in time order; rebuilt lazily after a write. */
  floats: Sample[] | undefined;
  /** Times of histogram samples in ascending order; rebuilt lazily after a write. */
  histogramTimes: number[] | undefined;
}

/**
 * An in-memory Queryable for test scripts. Appending a sample at a time the series
 * already holds replaces it. Reading a series that has histogram samples in the
 * queried range is counted (see takeHistogramReads) so the runner can fail evals
 * that depend on data the engine cannot see. Not safe for concurrent writes.
 */
export class MemoryStorage implements Queryable {
  readonly #series = new Map<string, MemorySeries>();
  #sorted: MemorySeries[] | undefined;
  #histogramReads = 0;

  /** Stores one sample of the series `labels`. */
  append(labels: Labels, sample: StoredSample): void {
    let series = this.#series.get(labels.key());
    if (!series) {
      series = { labels, byTime: new Map(), floats: undefined, histogramTimes: undefined };
      this.#series.set(labels.key(), series);
      this.#sorted = undefined;
    }
    series.byTime.set(sample.t, sample);
    series.floats = undefined;
    series.histogramTimes = undefined;
  }

  /** Removes every series. */
  clear(): void {
    this.#series.clear();
    this.#sorted = undefined;
  }

  /** How many series with histogram samples queriers have read since the last call; resets the count. */
  takeHistogramReads(): number {
    const n = this.#histogramReads;
    this.#histogramReads = 0;
    return n;
  }

  /** Whether a series matching every matcher holds a histogram sample, at any time. */
  holdsHistograms(matchers: readonly Matcher[]): boolean {
    for (const series of this.#series.values()) {
      if (matchesAll(matchers, series.labels) && histogramTimesOf(series).length > 0) return true;
    }
    return false;
  }

  /** A querier over [mint, maxt]; it sees the data as of each select call. */
  querier(mint: number, maxt: number): Querier {
    return { select: (matchers) => this.#select(matchers, mint, maxt) };
  }

  async *#select(matchers: readonly Matcher[], mint: number, maxt: number): AsyncIterable<Series> {
    for (const series of this.#sortedSeries()) {
      if (!matchesAll(matchers, series.labels)) continue;
      const histograms = inRange(histogramTimesOf(series), (t) => t, mint, maxt);
      if (histograms.length > 0) this.#histogramReads++;
      const samples = inRange(floatsOf(series), (s) => s.t, mint, maxt);
      if (samples.length > 0) yield { labels: series.labels, samples };
    }
  }

  #sortedSeries(): MemorySeries[] {
    this.#sorted ??= [...this.#series.values()].sort((a, b) => compareLabels(a.labels, b.labels));
    return this.#sorted;
  }
}

function floatsOf(series: MemorySeries): Sample[] {
  series.floats ??= [...series.byTime.values()]
    .filter((s): s is Sample => !('histogram' in s))
    .sort((a, b) => a.t - b.t);
  return series.floats;
}

function histogramTimesOf(series: MemorySeries): number[] {
  series.histogramTimes ??= [...series.byTime.values()]
    .filter((s) => 'histogram' in s)
    .map((s) => s.t)
    .sort((a, b) => a - b);
  return series.histogramTimes;
}

/** The items whose time lies in [mint, maxt], from an array sorted by time. */
function inRange<T>(
  items: readonly T[],
  timeOf: (item: T) => number,
  mint: number,
  maxt: number,
): T[] {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(items[mid]!) < mint) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < items.length && timeOf(items[end]!) <= maxt) end++;
  return items.slice(lo, end);
}
