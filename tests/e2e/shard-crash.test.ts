import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codecs, connectNatsBus, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { startNatsServer } from '@promethium/bus/testing';
import type { NatsServerHandle } from '@promethium/bus/testing';
import { Labels } from '@promethium/model';
import { Service, freePort, getJson, waitFor } from './harness.js';

const SERIES = 40;
const KILLS = 4;
const BASE_MS = 1_700_000_000_000;
const STEP_MS = 1000;

type Matrix = { metric: Record<string, string>; values: [number, string][] }[];

/**
 * A shard SIGKILLed again and again while a writer publishes durably as fast as JetStream
 * acknowledges: afterwards every acknowledged sample is stored exactly once.
 */
describe('a storage shard killed with SIGKILL under load', () => {
  let dir: string;
  let nats: NatsServerHandle;
  let bus: Bus;
  let query: Service;
  let shard: Service;
  let ports: { shard: number; query: number };
  const labels = Array.from({ length: SERIES }, (_, s) =>
    Labels.fromRecord({ __name__: 'crash_test', series: String(s).padStart(2, '0') }),
  );
  const startShard = () =>
    new Service('storage', [
      'storage',
      `--nats.url=${nats.url}`,
      `--web.listen-address=127.0.0.1:${ports.shard}`,
      '--shard.index=0',
      `--storage.tsdb.path=${join(dir, 'shard')}`,
      // Checkpoints all the time, so kills also land in and around them.
      '--storage.tsdb.checkpoint-interval=50ms',
    ]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-shard-crash-'));
    nats = await startNatsServer();
    bus = await connectNatsBus({ servers: nats.url, log: () => {} });
    ports = { shard: await freePort(), query: await freePort() };
    query = new Service('query', [
      'query',
      `--nats.url=${nats.url}`,
      `--web.listen-address=127.0.0.1:${ports.query}`,
      '--shard.count=1',
    ]);
    shard = startShard();
  });

  afterAll(async () => {
    await shard.stop();
    await query.stop();
    await bus.close();
    await nats.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged sample exactly once across repeated kills', async () => {
    let acknowledged = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const t = BASE_MS + i * STEP_MS;
        const batch = labels.map((l) => ({ labels: l, t, v: i }));
        await bus.publishDurable(subjects.write(0), codecs.sampleBatch.encode(batch));
        acknowledged = i + 1;
      }
    })();
    try {
      for (let k = 0; k < KILLS; k++) {
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
        await shard.kill();
        shard = startShard();
      }
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      writing = false;
      await writer;
    }
    expect(acknowledged).toBeGreaterThan(100);

    const last = BASE_MS + (acknowledged - 1) * STEP_MS;
    const range = `${acknowledged + 10}s`;
    const expected = Array.from({ length: acknowledged }, (_, i): [number, string] => [
      (BASE_MS + i * STEP_MS) / 1000,
      String(i),
    ]);
    let seen = 'nothing yet';
    try {
      const result = await waitFor(
        'every acknowledged batch to be readable',
        async () => {
          const { status, body } = await getJson(
            `http://127.0.0.1:${ports.query}/api/v1/query?query=${encodeURIComponent(`crash_test[${range}]`)}&time=${last / 1000}`,
          );
          seen = `HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`;
          if (status !== 200) return undefined;
          const matrix = (body as { data: { result: Matrix } }).data.result;
          seen = `${matrix.length} series, sample counts ${matrix.map((m) => m.values.length).join(',')} of ${acknowledged}`;
          const complete =
            matrix.length === SERIES && matrix.every((s) => s.values.length >= acknowledged);
          return complete ? matrix : undefined;
        },
        60_000,
      );
      for (const series of result) expect(series.values).toEqual(expected);
    } catch (err) {
      console.error(seen, shard.tail(), query.tail());
      throw err;
    }
  }, 120_000);
});
