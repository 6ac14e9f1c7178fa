import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { codecs, createInProcessBus, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { Labels, Matcher } from '@promethium/model';
import { ShardedAppendable, shardedLabelQueryable } from '@promethium/storage-client';
import { startStorageShard } from './shard.js';
import type { StorageShard } from './shard.js';

const SHARDS = 3;
const VALUES = 200;
const logger = pino({ level: 'silent' });

describe('label queries and index statistics over the bus', () => {
  let dir: string;
  let bus: Bus;
  let shards: StorageShard[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-labels-'));
    // A small message limit, so the replies must be split into several chunks.
    bus = createInProcessBus({ maxMessageBytes: 1024 });
    shards = [];
    const registry = new Registry();
    for (let shard = 0; shard < SHARDS; shard++)
      shards.push(
        await startStorageShard({
          bus,
          shard,
          replica: 'test',
          dataDir: join(dir, `${shard}`),
          logger,
          registry,
        }),
      );
    const appender = new ShardedAppendable(bus, SHARDS).appender();
    for (let i = 0; i < VALUES; i++)
      appender.append({
        labels: Labels.fromRecord({ __name__: 'm', i: String(i).padStart(3, '0'), job: 'j' }),
        t: 1000 + i,
        v: i,
      });
    appender.append({ labels: Labels.fromRecord({ __name__: 'up', job: 'j' }), t: 5000, v: 1 });
    await appender.commit();
    while (shards.reduce((n, s) => n + s.store.numSeries, 0) < VALUES + 1)
      await new Promise((r) => setTimeout(r, 10));
  });

  afterEach(async () => {
    for (const s of shards) await s.stop();
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each<[string, number, number, Matcher[], string[]]>([
    ['everything', 0, 10_000, [], ['__name__', 'i', 'job']],
    ['matched', 0, 10_000, [new Matcher('=', '__name__', 'up')], ['__name__', 'job']],
    ['in range', 4000, 6000, [], ['__name__', 'job']],
  ])('label names: %s', async (_what, mint, maxt, matchers, want) => {
    const q = shardedLabelQueryable(bus, SHARDS).labelQuerier(mint, maxt);
    expect(await q.labelNames(matchers)).toEqual(want);
  });

  it('merges every shard’s values, sorted, across chunked replies', async () => {
    const q = shardedLabelQueryable(bus, SHARDS).labelQuerier(0, 10_000);
    const want = Array.from({ length: VALUES }, (_, i) => String(i).padStart(3, '0'));
    expect(await q.labelValues('i')).toEqual(want);
    expect(await q.labelValues('__name__')).toEqual(['m', 'up']);
    expect(await q.labelValues('i', [new Matcher('=~', 'i', '00.')])).toEqual(want.slice(0, 10));
  });

  it('sums index statistics over the shards', async () => {
    const stats = await shardedLabelQueryable(bus, SHARDS).indexStats();
    expect(stats.numSeries).toBe(VALUES + 1);
    expect([stats.minTime, stats.maxTime]).toEqual([1000, 5000]);
    const count = (name: string, value: string) =>
      stats.pairs.find((p) => p.name === name && p.value === value)?.series;
    expect(count('job', 'j')).toBe(VALUES + 1);
    expect(count('__name__', 'm')).toBe(VALUES);
    expect(stats.pairs).toHaveLength(VALUES + 3);
  });

  it('answers a label query with a bad regex as a remote bad_data error', async () => {
    const request = codecs.labelsRequest.encode({
      matchers: [{ type: '=~', name: 'a', value: '(' }],
      mint: 0,
      maxt: 1,
    });
    const reply = async () => {
      for await (const chunk of bus.request(subjects.labels(0), request)) void chunk;
    };
    await expect(reply()).rejects.toMatchObject({ code: 'bad_data' });
  });
});
