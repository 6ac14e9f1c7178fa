import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Engine } from '@promethium/promql';
import { startHttpServer } from '@promethium/runtime';
import type { HttpServer } from '@promethium/runtime';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { EngineMetrics } from './engine-metrics.js';
import { QueryGate } from './query-gate.js';
import { createApiRouter } from './router.js';
import { HoldingStore } from './testing/holding-store.js';
import { MemoryStore } from './testing/memory-store.js';

const store = new HoldingStore();
const gate = new QueryGate(1);
let server: HttpServer;

beforeAll(async () => {
  const registry = new Registry();
  const metrics = new EngineMetrics(registry, gate);
  server = await startHttpServer({
    listenAddress: '127.0.0.1:0',
    registry,
    logger: pino({ level: 'silent' }),
    isReady: () => true,
    reload: async () => undefined,
    routes: (app) =>
      app.use(
        '/api/v1',
        createApiRouter({
          engine: new Engine(),
          queryable: store,
          labels: new MemoryStore([]),
          logger: { warn: () => undefined, debug: () => undefined },
          gate,
          metrics,
        }),
      ),
  });
});

afterAll(() => server.close());

/** The /metrics lines of the engine metrics, `name{labels} value`. */
async function engineLines(): Promise<string[]> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('prometheus_engine_'));
}

async function value(series: string): Promise<number | undefined> {
  const line = (await engineLines()).find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const count = (slice: string) =>
  value(`prometheus_engine_query_duration_seconds_count{slice="${slice}"}`);

function query(extra = ''): Promise<number> {
  return fetch(`${server.url}/api/v1/query?query=up&time=0${extra}`).then((res) => res.status);
}

async function untilWaiting(n: number): Promise<void> {
  while (gate.waiting < n) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('engine metrics on /metrics', () => {
  it('starts with the concurrency limit, no query and no timings', async () => {
    expect(await engineLines()).toEqual([
      'prometheus_engine_queries 0',
      'prometheus_engine_queries_concurrent_max 1',
    ]);
  });

  it('counts queries executing or waiting, and times their wait and evaluation', async () => {
    const selects = store.selects;
    const answers = [query(), query()];
    await store.started(selects + 1);
    await untilWaiting(1);
    expect(await value('prometheus_engine_queries')).toBe(2);
    store.releaseOne();
    await store.started(selects + 2);
    store.releaseOne();
    expect(await Promise.all(answers)).toEqual([200, 200]);

    expect(await value('prometheus_engine_queries')).toBe(0);
    expect([await count('queue_time'), await count('inner_eval')]).toEqual([2, 2]);
    const slices = new Set((await engineLines()).map((l) => /slice="([a-z_]+)"/.exec(l)?.[1]));
    expect([...slices].filter(Boolean).sort()).toEqual(['inner_eval', 'queue_time']);
    for (const quantile of ['0.5', '0.9', '0.99'])
      expect(
        await value(
          `prometheus_engine_query_duration_seconds{quantile="${quantile}",slice="queue_time"}`,
        ),
      ).toBeGreaterThanOrEqual(0);
  });

  it('times the wait of a query that leaves the queue without evaluating', async () => {
    const before = [await count('queue_time'), await count('inner_eval')];
    const selects = store.selects;
    const running = query();
    await store.started(selects + 1);
    expect(await query('&timeout=50ms')).toBe(503);
    store.releaseOne();
    expect(await running).toBe(200);
    expect([await count('queue_time'), await count('inner_eval')]).toEqual([
      before[0]! + 2,
      before[1]! + 1,
    ]);
  });
});
