import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { codecs, createInProcessBus, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { Labels, Matcher } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { ShardQueryable } from '@promethium/storage-client';
import { startStorageShard } from './shard.js';
import type { StorageShard, TsdbSettings } from './shard.js';

const logger = pino({ level: 'silent' });

async function until(probe: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

function series(name: string, points: [number, number][]): LabeledSample[] {
  const labels = Labels.fromRecord({ __name__: name });
  return points.map(([t, v]) => ({ labels, t, v }));
}

async function metricValue(registry: Registry, name: string): Promise<number | undefined> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return undefined;
  return (await metric.get()).values.find((v) => v.labels.shard === '0')?.value;
}

describe('a storage shard on the TSDB', () => {
  let dir: string;
  let bus: Bus;
  let registry: Registry;
  let shard: StorageShard | undefined;

  const start = async (tsdb: TsdbSettings = {}) => {
    shard = await startStorageShard({
      bus,
      shard: 0,
      replica: 'r',
      dataDir: dir,
      tsdb,
      logger,
      registry,
    });
    return shard;
  };
  const write = (samples: LabeledSample[]) =>
    bus.publishDurable(subjects.write(0), codecs.sampleBatch.encode(samples));
  const select = async (name: string, mint = 0, maxt = Number.MAX_SAFE_INTEGER) => {
    const out: [number, number][] = [];
    const q = new ShardQueryable(bus, 0).querier(mint, maxt);
    for await (const s of q.select([new Matcher('=', '__name__', name)]))
      for (const p of s.samples) out.push([p.t, p.v]);
    return out;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-shard-tsdb-'));
    bus = createInProcessBus();
    registry = new Registry();
  });

  afterEach(async () => {
    await shard?.stop();
    shard = undefined;
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exposes prometheus_tsdb_* figures of its store, rejections by reason included', async () => {
    const s = await start();
    await write(
      series('a', [
        [1000, 1],
        [2000, 2],
      ]),
    );
    await write(
      series('a', [
        [2000, 9],
        [1500, 1],
        [2000, 2],
      ]),
    );
    await until(() => s.store.counters.rejected.out_of_order === 1);
    expect(await metricValue(registry, 'prometheus_tsdb_head_series')).toBe(1);
    expect(await metricValue(registry, 'prometheus_tsdb_head_samples_appended_total')).toBe(2);
    expect(await metricValue(registry, 'prometheus_tsdb_duplicate_samples_total')).toBe(1);
    expect(await metricValue(registry, 'prometheus_tsdb_out_of_order_samples_total')).toBe(1);
    expect(await metricValue(registry, 'prometheus_tsdb_wal_storage_size_bytes')).toBeGreaterThan(
      0,
    );
    const text = await registry.metrics();
    expect(text).toContain('prometheus_tsdb_head_samples_appended_total{shard="0",type="float"} 2');
  });

  it('accepts out-of-order samples inside --storage.tsdb.out-of-order-time-window', async () => {
    const s = await start({ outOfOrderWindowMs: 10_000 });
    await write(
      series('a', [
        [20_000, 1],
        [15_000, 2],
        [1000, 3],
      ]),
    );
    await until(() => s.store.counters.appended === 2);
    expect(await select('a')).toEqual([
      [15_000, 2],
      [20_000, 1],
    ]);
    expect(await metricValue(registry, 'prometheus_tsdb_too_old_samples_total')).toBe(1);
  });

  it('checkpoints on its timer: the WAL is truncated and the data survives a restart', async () => {
    const s = await start({ checkpointIntervalMs: 20 });
    const points = Array.from({ length: 300 }, (_, i): [number, number] => [i * 1000, i]);
    await write(series('a', points));
    await until(
      async () =>
        (await metricValue(registry, 'prometheus_tsdb_compactions_total'))! >= 1 &&
        s.store.walBytes() === 0,
    );
    expect(await metricValue(registry, 'promethium_tsdb_chunks_written_total')).toBeGreaterThan(0);
    await s.stop();
    shard = undefined;
    await start();
    expect(await select('a')).toEqual(points);
  });

  it('deletes chunks older than --storage.tsdb.retention.time', async () => {
    const s = await start({ checkpointIntervalMs: 20, retentionTimeMs: 60_000 });
    const old = Array.from({ length: 240 }, (_, i): [number, number] => [i * 1000, i]);
    await write(series('old', old));
    await write(series('new', [[1_000_000, 1]]));
    await until(() => s.store.counters.chunksRemoved > 0);
    expect(await select('old')).toEqual([]);
    expect(await select('new')).toEqual([[1_000_000, 1]]);
    expect(
      await metricValue(registry, 'promethium_tsdb_retention_chunks_removed_total'),
    ).toBeGreaterThan(0);
  });

  it('runs two replicas of one shard: each stores every batch, either answers selects', async () => {
    const replica = (name: string) =>
      startStorageShard({
        bus,
        shard: 0,
        replica: name,
        dataDir: join(dir, name),
        logger,
        registry,
      });
    const a = await replica('a');
    let b = await replica('b');
    try {
      await write(
        series('r', [
          [1000, 1],
          [2000, 2],
        ]),
      );
      await until(() => a.store.counters.appended === 2 && b.store.counters.appended === 2);
      await b.stop();
      await write(series('r', [[3000, 3]]));
      await until(() => a.store.counters.appended === 3);
      expect(await select('r')).toEqual([
        [1000, 1],
        [2000, 2],
        [3000, 3],
      ]);
      b = await replica('b');
      await until(() => b.store.counters.appended === 1);
      await a.stop();
      expect(await select('r')).toEqual([
        [1000, 1],
        [2000, 2],
        [3000, 3],
      ]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
