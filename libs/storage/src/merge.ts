import { compareLabels } from '@promethium/model';
import type { Sample } from '@promethium/model';
import type { Querier, Queryable } from './interface.js';
import type { Series } from '@promethium/model';
import { PartialWarnings } from './partial.js';
import type { FanoutOptions } from './partial.js';

/**
 * Merges sorted series sets into one sorted set. Series with equal labels (the same
 * series held by more than one shard or replica) become one, their samples merged by
 * timestamp; where two carry the same timestamp the first set's sample is kept.
 */
export async function* mergeSeriesSets(
  sets: readonly AsyncIterable<Series>[],
): AsyncIterable<Series> {
  const all = (await Promise.all(sets.map(collect))).flat();
  all.sort((a, b) => compareLabels(a.labels, b.labels));
  let current: Series | undefined;
  for (const series of all) {
    if (current && current.labels.equals(series.labels)) {
      current = { labels: current.labels, samples: mergeSamples(current.samples, series.samples) };
      continue;
    }
    if (current) yield current;
    current = series;
  }
  if (current) yield current;
}

async function collect(set: AsyncIterable<Series>): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of set) out.push(s);
  return out;
}

/** Merges two ascending sample lists; on equal timestamps the sample from `a` wins. */
export function mergeSamples(a: readonly Sample[], b: readonly Sample[]): Sample[] {
  const out: Sample[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.t < y.t)) {
      out.push(x!);
      i++;
    } else if (x === undefined || y.t < x.t) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  return out;
}

/**
 * A Queryable that asks every underlying Queryable and merges the answers. A member's
 * failure fails the select, unless `partialResponse` lets it skip an unavailable member
 * (StorageUnavailableError), which the querier then reports in `warnings()`.
 */
export class FanoutQueryable implements Queryable {
  constructor(
    private readonly members: readonly Queryable[],
    private readonly options: FanoutOptions = {},
  ) {}

  querier(mint: number, maxt: number): Querier {
    const queriers = this.members.map((m) => m.querier(mint, maxt));
    const partial = new PartialWarnings(this.options.partialResponse ?? false);
    const read = (set: AsyncIterable<Series>): AsyncIterable<Series> =>
      (async function* () {
        yield* await partial.guard(() => collect(set), []);
      })();
    return {
      select: (matchers) => mergeSeriesSets(queriers.map((q) => read(q.select(matchers)))),
      warnings: () => partial.list(queriers),
    };
  }
}
