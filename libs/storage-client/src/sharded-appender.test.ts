import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { createInProcessBus } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { Labels } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { ShardedAppendable, shardOf } from './sharded-appender.js';
import type { ShardedWriteOptions } from './write-options.js';
import {
  eventually,
  memoryLogger,
  metric,
  observations,
  readShards,
  sample,
  show,
} from './write-harness.js';

const SHARDS = 3;

describe('ShardedAppendable over the in-process bus', () => {
  let bus: Bus;
  let registry: Registry;
  let writers: ShardedAppendable[];

  beforeEach(() => {
    // A small message limit, so a shard's batch is split over several messages.
    bus = createInProcessBus({ maxMessageBytes: 512, log: () => undefined });
    registry = new Registry();
    writers = [];
  });

  afterEach(async () => {
    await Promise.all(writers.map((w) => w.close()));
    await bus.close();
  });

  const writer = (opts: ShardedWriteOptions = {}) => {
    const w = new ShardedAppendable(bus, SHARDS, { registry, ...opts });
    writers.push(w);
    return w;
  };

  const commit = (w: ShardedAppendable, samples: readonly LabeledSample[]) => {
    const appender = w.appender();
    for (const s of samples) appender.append(s);
    return appender.commit();
  };

  it('sends every sample to its shard, in commit order, and counts them', async () => {
    const streams = readShards(bus, SHARDS);
    const w = writer();
    const commits = Array.from({ length: 4 }, (_, c) =>
      Array.from({ length: 30 }, (_, i) => sample(`s${i % 10}`, c * 30 + i)),
    );
    // Not awaited one by one: later commits queue behind earlier ones and are batched.
    await Promise.all(commits.map((samples) => commit(w, samples)));

    const all = commits.flat();
    const expected = Array.from({ length: SHARDS }, (_, shard) =>
      all.filter((s) => shardOf(s, SHARDS) === shard).map(show),
    );
    await eventually(
      () => streams.received.flat().length === all.length,
      'every sample on the streams',
    );
    expect(streams.received).toEqual(expected);
    expect(expected.filter((samples) => samples.length > 0).length).toBeGreaterThan(1);
    expect(Math.max(...streams.messages)).toBeGreaterThan(1);
    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(all.length);
    expect(await metric(registry, 'promethium_storage_write_buffer_samples')).toBe(0);
    expect(await metric(registry, 'promethium_storage_write_retries_total')).toBe(0);
    expect(
      await observations(registry, 'promethium_storage_write_publish_duration_seconds'),
    ).toBeGreaterThanOrEqual(streams.messages.reduce((a, b) => a + b));
    await streams.stop();
  });

  it('drops what does not fit in the buffer at commit, counts it and keeps the rest', async () => {
    const logger = memoryLogger();
    const w = writer({ bufferSamples: 10, logger });
    expect(await metric(registry, 'promethium_storage_write_buffer_capacity_samples')).toBe(10);
    const first = Array.from({ length: 8 }, (_, i) => sample('a', i));
    const second = Array.from({ length: 5 }, (_, i) => sample('b', i));
    const firstDone = commit(w, first);
    // The first commit's samples still occupy the buffer: only two of these fit.
    const secondDone = commit(w, second);
    expect(
      await metric(registry, 'promethium_storage_write_samples_dropped_total', {
        reason: 'buffer_full',
      }),
    ).toBe(3);
    await Promise.all([firstDone, secondDone]);

    const streams = readShards(bus, SHARDS);
    await eventually(() => streams.received.flat().length === 10, 'the admitted samples');
    expect(streams.received.flat().sort()).toEqual(
      [...first, ...second.slice(0, 2)].map(show).sort(),
    );
    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(10);
    expect(await metric(registry, 'promethium_storage_write_buffer_samples')).toBe(0);
    expect(logger.lines).toEqual([expect.stringMatching(/^write buffer full.*"samples":3/)]);
    await streams.stop();
  });

  it('drops a series too large for any message and still sends the others', async () => {
    const w = writer();
    const huge = {
      labels: Labels.fromRecord({ __name__: 'huge', x: 'y'.repeat(600) }),
      t: 1,
      v: 1,
    };
    const fine = Array.from({ length: 5 }, (_, i) => sample('ok', i));
    await commit(w, [...fine, huge, huge]);
    expect(
      await metric(registry, 'promethium_storage_write_samples_dropped_total', {
        reason: 'unretryable',
      }),
    ).toBe(2);
    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(5);
  });

  it('drops without retrying once the bus is closed', async () => {
    const logger = memoryLogger();
    const w = writer({ logger });
    await bus.close();
    await commit(
      w,
      Array.from({ length: 6 }, (_, i) => sample(`s${i}`, i)),
    );
    expect(
      await metric(registry, 'promethium_storage_write_samples_dropped_total', {
        reason: 'unretryable',
      }),
    ).toBe(6);
    expect(await metric(registry, 'promethium_storage_write_retries_total')).toBe(0);
    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(0);
    expect(logger.lines.join('\n')).toMatch(/dropping samples.*"reason":"unretryable".*closed/);
  });

  it('close waits for committed samples, then refuses commits', async () => {
    const streams = readShards(bus, SHARDS);
    const w = writer();
    const samples = Array.from({ length: 50 }, (_, i) => sample(`s${i % 7}`, i));
    const committed = commit(w, samples);
    await w.close();
    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(50);
    await committed;
    await expect(commit(w, [sample('late', 0)])).rejects.toThrow(/commit after close/);
    expect(await metric(registry, 'promethium_storage_write_buffer_capacity_samples')).toBe(0);
    await eventually(() => streams.received.flat().length === 50, 'the samples on the streams');
    await streams.stop();
  });

  it('shares one set of metrics between writers on one registry', async () => {
    const a = writer({ bufferSamples: 100 });
    const b = writer({ bufferSamples: 50 });
    await commit(a, [sample('a', 1)]);
    await commit(b, [sample('b', 1), sample('b', 2)]);
    expect(await metric(registry, 'promethium_storage_write_buffer_capacity_samples')).toBe(150);
    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(3);
  });

  it.each<[ShardedWriteOptions, RegExp]>([
    [{ bufferSamples: 0 }, /bufferSamples must be a positive integer/],
    [{ bufferSamples: 1.5 }, /bufferSamples must be a positive integer/],
    [{ maxRetryDurationMs: 0 }, /maxRetryDurationMs must be a positive/],
    [{ minBackoffMs: 10, maxBackoffMs: 5 }, /maxBackoffMs \(5\) must not be below/],
  ])('refuses the options %j', (opts, message) => {
    expect(() => new ShardedAppendable(bus, SHARDS, opts)).toThrow(message);
  });
});
