import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { codecs, createInProcessBus, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { Labels, Matcher, staleMarker } from '@promethium/model';
import type { LabeledSample, Series } from '@promethium/model';
import { ShardedAppendable, shardOf, shardedQueryable } from '@promethium/storage-client';
import { startStorageShard } from './shard.js';
import type { StorageShard } from './shard.js';

const SHARDS = 2;
const logger = pino({ level: 'silent' });

async function collect(set: AsyncIterable<Series>): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of set) out.push(s);
  return out;
}

async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

describe('storage shards behind the bus', () => {
  let dir: string;
  let bus: Bus;
  let registry: Registry;
  let shards: StorageShard[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-shard-'));
    bus = createInProcessBus();
    registry = new Registry();
    shards = [];
    for (let shard = 0; shard < SHARDS; shard++) {
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
    }
  });

  afterEach(async () => {
    for (const s of shards) await s.stop();
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('routes each series to its hash shard and reads every shard back merged', async () => {
    const samples: LabeledSample[] = Array.from({ length: 40 }, (_, i) => ({
      labels: Labels.fromRecord({ __name__: 'm', i: String(i) }),
      t: 1000,
      v: i,
    }));
    const appender = new ShardedAppendable(bus, SHARDS).appender();
    for (const s of samples) appender.append(s);
    appender.append({ labels: Labels.fromRecord({ __name__: 'm', i: '0' }), ...staleMarker(2000) });
    await appender.commit();

    await eventually(async () =>
      shards.every((s) => s.store.counters.appended > 0) ? true : undefined,
    );
    const expectedOnShard0 = samples.filter((s) => shardOf(s, SHARDS) === 0).length;
    await eventually(async () =>
      shards[0]!.store.numSeries === expectedOnShard0 ? true : undefined,
    );

    const all = await eventually(async () => {
      const got = await collect(
        shardedQueryable(bus, SHARDS)
          .querier(0, 5000)
          .select([new Matcher('=', '__name__', 'm')]),
      );
      return got.length === 40 && got.some((s) => s.samples.length === 2) ? got : undefined;
    });
    const first = all.find((s) => s.labels.get('i') === '0')!;
    expect(first.samples[1]).toEqual(staleMarker(2000));
    expect(all.map((s) => s.labels.get('i'))).toEqual(samples.map((s) => s.labels.get('i')).sort());
  });

  it('answers a select with a bad regex as a remote bad_data error', async () => {
    const request = codecs.selectRequest.encode({
      matchers: [{ type: '=~', name: 'a', value: '(' }],
      mint: 0,
      maxt: 1,
    });
    const reply = async () => {
      for await (const chunk of bus.request(subjects.select(0), request)) void chunk;
    };
    await expect(reply()).rejects.toMatchObject({ code: 'bad_data' });
  });

  it('drops an undecodable write batch, counts it, and keeps serving', async () => {
    await bus.publishDurable(subjects.write(0), new Uint8Array([0xff, 1, 2]));
    const counted = await eventually(async () => {
      const metric = await registry
        .getSingleMetric('promethium_storage_batches_rejected_total')!
        .get();
      const value = metric.values.find((v) => v.labels.shard === '0')?.value ?? 0;
      return value > 0 ? value : undefined;
    });
    expect(counted).toBe(1);
    const appender = new ShardedAppendable(bus, SHARDS).appender();
    appender.append({ labels: Labels.fromRecord({ __name__: 'after' }), t: 1, v: 1 });
    await appender.commit();
    await eventually(async () => {
      const got = await collect(
        shardedQueryable(bus, SHARDS)
          .querier(0, 10)
          .select([new Matcher('=', '__name__', 'after')]),
      );
      return got.length === 1 ? got : undefined;
    });
  });
});
