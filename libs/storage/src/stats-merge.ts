import type { IndexStats, IndexStatsSource, LabelPairCount } from './interface.js';

/**
 * Adds up the statistics of disjoint stores: series counts add, the time span widens,
 * and counts of the same label pair add.
 */
export function sumIndexStats(all: readonly IndexStats[]): IndexStats {
  const pairs = new Map<string, LabelPairCount>();
  let numSeries = 0;
  let minTime = Infinity;
  let maxTime = -Infinity;
  for (const stats of all) {
    numSeries += stats.numSeries;
    minTime = Math.min(minTime, stats.minTime);
    maxTime = Math.max(maxTime, stats.maxTime);
    for (const pair of stats.pairs) {
      // NUL cannot occur in a label name, so the key is unambiguous.
      const key = `${pair.name}\0${pair.value}`;
      const seen = pairs.get(key);
      pairs.set(key, seen ? { ...seen, series: seen.series + pair.series } : pair);
    }
  }
  return { numSeries, minTime, maxTime, pairs: [...pairs.values()] };
}

/** Statistics over every underlying source (shards), summed. */
export class FanoutIndexStats implements IndexStatsSource {
  constructor(private readonly members: readonly IndexStatsSource[]) {}

  async indexStats(): Promise<IndexStats> {
    return sumIndexStats(await Promise.all(this.members.map((m) => m.indexStats())));
  }
}
