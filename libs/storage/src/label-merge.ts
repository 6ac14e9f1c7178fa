import type { Matcher } from '@promethium/model';
import type { LabelQuerier, LabelQueryable } from './interface.js';

/** Joins ascending string lists into one ascending list without duplicates. */
export function mergeSortedUnique(lists: readonly (readonly string[])[]): string[] {
  const all = lists.flat();
  all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return all.filter((s, i) => i === 0 || all[i - 1] !== s);
}

/** A LabelQueryable that asks every underlying one (shards, replicas) and merges the answers. */
export class FanoutLabelQueryable implements LabelQueryable {
  constructor(private readonly members: readonly LabelQueryable[]) {}

  labelQuerier(mint: number, maxt: number): LabelQuerier {
    const queriers = this.members.map((m) => m.labelQuerier(mint, maxt));
    return {
      labelNames: async (matchers?: readonly Matcher[]) =>
        mergeSortedUnique(await Promise.all(queriers.map((q) => q.labelNames(matchers)))),
      labelValues: async (name: string, matchers?: readonly Matcher[]) =>
        mergeSortedUnique(await Promise.all(queriers.map((q) => q.labelValues(name, matchers)))),
    };
  }
}
