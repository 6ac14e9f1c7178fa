import { compareLabels, matchesAll } from '@promethium/model';
import type { Matcher, Series } from '@promethium/model';
import { mergeSortedUnique } from '@promethium/storage';
import type {
  IndexStats,
  IndexStatsSource,
  LabelQuerier,
  LabelQueryable,
  Querier,
  Queryable,
} from '@promethium/storage';

/** A hand-written in-memory store following the Querier and LabelQuerier contracts. */
export class MemoryStore implements Queryable, LabelQueryable, IndexStatsSource {
  constructor(private readonly series: Series[]) {}

  querier(mint: number, maxt: number): Querier {
    const inRange = (matchers: readonly Matcher[]) => this.inRange(matchers, mint, maxt);
    return {
      async *select(matchers: readonly Matcher[]): AsyncIterable<Series> {
        yield* inRange(matchers);
      },
    };
  }

  labelQuerier(mint: number, maxt: number): LabelQuerier {
    return {
      labelNames: async (matchers = []) =>
        mergeSortedUnique(
          this.inRange(matchers, mint, maxt).map((s) => [...s.labels].map(([n]) => n)),
        ),
      labelValues: async (name, matchers = []) =>
        mergeSortedUnique(
          this.inRange(matchers, mint, maxt).map((s) =>
            s.labels.get(name) === '' ? [] : [s.labels.get(name)],
          ),
        ),
    };
  }

  async indexStats(): Promise<IndexStats> {
    const pairs = new Map<string, { name: string; value: string; series: number }>();
    for (const s of this.series)
      for (const [name, value] of s.labels) {
        const pair = pairs.get(`${name}=${value}`) ?? { name, value, series: 0 };
        pair.series++;
        pairs.set(`${name}=${value}`, pair);
      }
    const times = this.series.flatMap((s) => s.samples.map((x) => x.t));
    return {
      numSeries: this.series.length,
      minTime: Math.min(...times),
      maxTime: Math.max(...times),
      pairs: [...pairs.values()],
    };
  }

  private inRange(matchers: readonly Matcher[], mint: number, maxt: number): Series[] {
    return this.series
      .filter((s) => matchesAll(matchers, s.labels))
      .map((s) => ({
        labels: s.labels,
        samples: s.samples.filter((x) => x.t >= mint && x.t <= maxt),
      }))
      .filter((s) => s.samples.length > 0)
      .sort((a, b) => compareLabels(a.labels, b.labels));
  }
}
