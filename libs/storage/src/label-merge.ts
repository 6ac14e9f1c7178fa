import type { Matcher } from '@promethium/model';
import type { LabelQuerier, LabelQueryable } from './interface.js';
import { PartialWarnings } from './partial.js';
import type { FanoutOptions } from './partial.js';

/** Joins ascending string lists into one ascending list without duplicates. */
export function mergeSortedUnique(lists: readonly (readonly string[])[]): string[] {
  const all = lists.flat();
  all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return all.filter((s, i) => i === 0 || all[i - 1] !== s);
}

/**
 * A LabelQueryable that asks every underlying one (shards, replicas) and merges the
 * answers; an unavailable member is skipped with a warning only under `partialResponse`.
 */
export class FanoutLabelQueryable implements LabelQueryable {
  constructor(
    private readonly members: readonly LabelQueryable[],
    private readonly options: FanoutOptions = {},
  ) {}

  labelQuerier(mint: number, maxt: number): LabelQuerier {
    const queriers = this.members.map((m) => m.labelQuerier(mint, maxt));
    const partial = new PartialWarnings(this.options.partialResponse ?? false);
    const ask = async (read: (q: LabelQuerier) => Promise<string[]>): Promise<string[]> =>
      mergeSortedUnique(await Promise.all(queriers.map((q) => partial.guard(() => read(q), []))));
    return {
      labelNames: (matchers?: readonly Matcher[]) => ask((q) => q.labelNames(matchers)),
      labelValues: (name: string, matchers?: readonly Matcher[]) =>
        ask((q) => q.labelValues(name, matchers)),
      warnings: () => partial.list(queriers),
    };
  }
}
