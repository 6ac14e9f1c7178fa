import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:net';
import { Registry } from 'prom-client';
import { connectNatsBus } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { startNatsServer } from '@promethium/bus/testing';
import type { NatsServerHandle } from '@promethium/bus/testing';
import type { LabeledSample } from '@promethium/model';
import { ShardedAppendable, shardOf } from './sharded-appender.js';
import type { ShardedWriteOptions } from './write-options.js';
import { eventually, memoryLogger, metric, readShards, sample, show } from './write-harness.js';

// Real nats-server processes on a shared machine: allow more than jest's default 5 s.
jest.setTimeout(30_000);

const SHARDS = 2;
// Long enough never to run out while a test restarts nats-server; the tests finish sooner.
const PATIENT = { maxRetryDurationMs: 20_000, minBackoffMs: 10, maxBackoffMs: 100 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const samples = (n: number, series = 'x'): LabeledSample[] =>
  Array.from({ length: n }, (_, i) => sample(`${series}${i % 5}`, i));

describe('ShardedAppendable over nats-server', () => {
  let port: number;
  let registry: Registry;
  let cleanups: (() => Promise<void>)[];

  beforeEach(async () => {
    port = await freePort();
    registry = new Registry();
    cleanups = [];
  });

  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  const server = async (): Promise<NatsServerHandle> => {
    const s = await startNatsServer({ port });
    cleanups.push(() => s.stop());
    return s;
  };

  // Connects even while nothing listens on the port (the bus then keeps trying).
  const bus = async (): Promise<Bus> => {
    const b = await connectNatsBus({
      servers: `nats://127.0.0.1:${port}`,
      reconnectWaitMs: 50,
      log: () => undefined,
    });
    cleanups.push(() => b.close());
    return b;
  };

  const writer = (b: Bus, opts: ShardedWriteOptions) => {
    const w = new ShardedAppendable(b, SHARDS, { registry, ...opts });
    cleanups.push(() => w.close());
    return w;
  };

  const commit = (w: ShardedAppendable, batch: readonly LabeledSample[]) => {
    const appender = w.appender();
    for (const s of batch) appender.append(s);
    return appender.commit();
  };

  const dropped = (reason: string) =>
    metric(registry, 'promethium_storage_write_samples_dropped_total', { reason });

  it('loses nothing to an outage shorter than the retry budget', async () => {
    const first = await server();
    const b = await bus();
    await eventually(() => b.status === 'connected', 'the first connection');
    const w = writer(b, PATIENT);
    await commit(w, samples(10, 'before'));

    await first.stop();
    await eventually(() => b.status !== 'connected', 'the bus to notice the outage');
    const during = samples(40, 'during');
    const committed = commit(w, during);
    await eventually(
      async () => (await metric(registry, 'promethium_storage_write_retries_total')) > 0,
      'a retry',
    );
    // A new server on the same port: the bus reconnects and recreates the stream.
    await server();
    await committed;

    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(50);
    expect(await dropped('retries_exhausted')).toBe(0);
    const streams = readShards(b, SHARDS);
    cleanups.push(() => streams.stop());
    const expected = Array.from({ length: SHARDS }, (_, shard) =>
      during.filter((s) => shardOf(s, SHARDS) === shard).map(show),
    );
    await eventually(() => streams.received.flat().length === 40, 'the samples on the streams');
    expect(streams.received).toEqual(expected);
  });

  it('drops and counts a full buffer at once while the bus is down', async () => {
    const b = await bus();
    const w = writer(b, { ...PATIENT, bufferSamples: 10 });
    let firstSettled = false;
    const first = commit(w, samples(10, 'first')).then(() => (firstSettled = true));
    await commit(w, samples(4, 'second'));
    expect(firstSettled).toBe(false);
    expect(await dropped('buffer_full')).toBe(4);
    expect(await metric(registry, 'promethium_storage_write_buffer_samples')).toBe(10);

    await server();
    await first;
    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(10);
    expect(await metric(registry, 'promethium_storage_write_buffer_samples')).toBe(0);
  });

  it('drops and counts what is still unsent when the retry budget runs out', async () => {
    const b = await bus();
    const logger = memoryLogger();
    const w = writer(b, { maxRetryDurationMs: 300, minBackoffMs: 10, maxBackoffMs: 50, logger });
    await commit(w, samples(25));

    expect(await dropped('retries_exhausted')).toBe(25);
    expect(await metric(registry, 'promethium_storage_write_samples_total')).toBe(0);
    expect(await metric(registry, 'promethium_storage_write_retries_total')).toBeGreaterThan(0);
    expect(await metric(registry, 'promethium_storage_write_buffer_samples')).toBe(0);
    expect(logger.lines.join('\n')).toMatch(/"reason":"retries_exhausted".*not connected/);
  });
});
