import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { Series } from '@promethium/model';
import { StorageUnavailableError } from './errors.js';
import { FanoutLabelQueryable } from './label-merge.js';
import { FanoutQueryable } from './merge.js';
import type { LabelQueryable, Queryable } from './interface.js';

const live: Series = { labels: Labels.fromRecord({ a: '1' }), samples: [{ t: 1, v: 1 }] };
const down = (name: string) => new StorageUnavailableError(name, 'no responders');

/** A member answering `series` (and its label names), or failing every read with `failure`. */
function member(failure?: Error): Queryable & LabelQueryable {
  return {
    querier: () => ({
      async *select() {
        if (failure) throw failure;
        yield live;
      },
    }),
    labelQuerier: () => ({
      labelNames: async () => {
        if (failure) throw failure;
        return ['a'];
      },
      labelValues: async () => {
        if (failure) throw failure;
        return ['1'];
      },
    }),
  };
}

async function all(set: AsyncIterable<Series>): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of set) out.push(s);
  return out;
}

type Case = [string, Error | undefined, boolean, string | undefined, string[]];
const cases: Case[] = [
  ['every member answers', undefined, false, undefined, []],
  ['an unavailable member fails the read', down('shard 1'), false, 'shard 1 unavailable', []],
  [
    'partial response skips it with a warning',
    down('shard 1'),
    true,
    undefined,
    ['shard 1 unavailable: no responders'],
  ],
  [
    'partial response does not hide other failures',
    new Error('disk on fire'),
    true,
    'disk on fire',
    [],
  ],
];

describe('fan-out over a member that fails', () => {
  it.each(cases)('select: %s', async (_name, failure, partialResponse, error, warnings) => {
    const q = new FanoutQueryable([member(), member(failure)], { partialResponse }).querier(0, 9);
    // Two selects hit the failing member twice; the warning is given once.
    const read = Promise.all([all(q.select([])), all(q.select([]))]);
    if (error) return void (await expect(read).rejects.toThrow(error));
    const [first] = await read;
    expect(first!.map((s) => s.labels.get('a'))).toEqual(['1']);
    expect(q.warnings?.()).toEqual(warnings);
  });

  it.each(cases)('labels: %s', async (_name, failure, partialResponse, error, warnings) => {
    const fanout = new FanoutLabelQueryable([member(), member(failure)], { partialResponse });
    const q = fanout.labelQuerier(0, 9);
    const read = Promise.all([q.labelNames(), q.labelValues('a')]);
    if (error) return void (await expect(read).rejects.toThrow(error));
    expect(await read).toEqual([['a'], ['1']]);
    expect(q.warnings?.()).toEqual(warnings);
  });

  it("passes on a member's own warnings", async () => {
    const warned: Queryable = {
      querier: () => ({ select: member().querier(0, 0).select, warnings: () => ['inner'] }),
    };
    const q = new FanoutQueryable([warned, member(down('shard 2'))], {
      partialResponse: true,
    }).querier(0, 9);
    await all(q.select([]));
    expect(q.warnings?.()).toEqual(['shard 2 unavailable: no responders', 'inner']);
  });
});
