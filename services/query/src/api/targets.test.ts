import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { once } from 'node:events';
import type { ActiveTargetReport, ScrapeTargetsChunk } from '@promethium/bus';
import { Engine } from '@promethium/promql';
import express from 'express';
import { createApiRouter } from './router.js';
import type { ScrapeTargetsSource } from './targets.js';
import { MemoryStore } from './testing/memory-store.js';

const target = (pool: string, instance: string, extra: Partial<ActiveTargetReport> = {}) => ({
  scrapePool: pool,
  scrapeUrl: `http://${instance}/metrics`,
  labels: { instance, job: pool },
  discoveredLabels: { __address__: instance, job: pool },
  health: 'up' as const,
  lastError: '',
  lastScrapeMs: Date.UTC(2026, 10, 24, 10, 0, 0, 120),
  lastScrapeDurationMs: 12,
  scrapeInterval: '15s',
  scrapeTimeout: '10s',
  metadata: [
    { metric: 'up_time', type: 'gauge', help: 'Up.', unit: '' },
    { metric: 'reqs_total', type: 'counter', help: `Requests on ${instance}.`, unit: '' },
  ],
  ...extra,
});

/** Serves fixed replica answers, noting what was asked. */
class FixedTargets implements ScrapeTargetsSource {
  readonly asked: boolean[] = [];
  constructor(private readonly chunk: ScrapeTargetsChunk) {}
  targets(opts: { metadata: boolean }): Promise<ScrapeTargetsChunk> {
    this.asked.push(opts.metadata);
    const active = this.chunk.active.map((t) =>
      opts.metadata ? t : { ...t, metadata: undefined },
    );
    return Promise.resolve({ ...this.chunk, active });
  }
}

const source = new FixedTargets({
  active: [
    target('node', 'b:9100'),
    target('api', 'a:80', {
      health: 'down',
      lastError: 'server returned HTTP status 500',
      lastScrapeMs: 0,
    }),
    target('node', 'a:9100'),
  ],
  dropped: [{ scrapePool: 'node', discoveredLabels: { __address__: 'c:9100', job: 'node' } }],
  droppedCounts: { api: 0, node: 1 },
});

let server: Server;
let base = '';

beforeAll(async () => {
  const app = express();
  const store = new MemoryStore([]);
  const logger = { warn: () => undefined, debug: () => undefined };
  app.use(
    '/api/v1',
    createApiRouter({
      engine: new Engine(),
      queryable: store,
      labels: store,
      logger,
      targets: source,
    }),
  );
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const get = async (path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, body: (await res.json()) as { data: never; error?: string } };
};

describe('/api/v1/targets', () => {
  it('lists active targets by pool and URL, and dropped ones with their counts', async () => {
    const { status, body } = await get('/targets');
    expect(status).toBe(200);
    const data = body.data as {
      activeTargets: Record<string, unknown>[];
      droppedTargets: unknown[];
      droppedTargetCounts: unknown;
    };
    expect(data.activeTargets.map((t) => t.scrapeUrl)).toEqual([
      'http://a:80/metrics',
      'http://a:9100/metrics',
      'http://b:9100/metrics',
    ]);
    expect(data.activeTargets[0]).toEqual({
      discoveredLabels: { __address__: 'a:80', job: 'api' },
      labels: { instance: 'a:80', job: 'api' },
      scrapePool: 'api',
      scrapeUrl: 'http://a:80/metrics',
      globalUrl: 'http://a:80/metrics',
      lastError: 'server returned HTTP status 500',
      lastScrape: '0001-01-01T00:00:00Z',
      lastScrapeDuration: 0.012,
      health: 'down',
      scrapeInterval: '15s',
      scrapeTimeout: '10s',
    });
    expect(data.activeTargets[1]!.lastScrape).toBe('2026-11-24T10:00:00.12Z');
    expect(data.droppedTargets).toEqual([
      { discoveredLabels: { __address__: 'c:9100', job: 'node' }, scrapePool: 'node' },
    ]);
    expect(data.droppedTargetCounts).toEqual({ api: 0, node: 1 });
  });

  it('filters by state and scrapePool as Prometheus does', async () => {
    const active = (await get('/targets?state=active&scrapePool=api')).body.data as {
      activeTargets: unknown[];
      droppedTargets: unknown[];
      droppedTargetCounts: unknown;
    };
    expect(active.activeTargets).toHaveLength(1);
    expect(active.droppedTargets).toEqual([]);
    expect(active.droppedTargetCounts).toBeNull();
    const dropped = (await get('/targets?state=Dropped')).body.data as { activeTargets: unknown[] };
    expect(dropped.activeTargets).toEqual([]);
    const none = (await get('/targets?state=bogus')).body.data as { droppedTargets: unknown[] };
    expect(none.droppedTargets).toEqual([]);
  });

  it('lists the scrape pools', async () => {
    expect((await get('/scrape_pools')).body.data).toEqual({ scrapePools: ['api', 'node'] });
  });
});

describe('metadata endpoints', () => {
  it('answers /targets/metadata per target, filtered by match_target and metric', async () => {
    const { body } = await get(
      `/targets/metadata?match_target=${encodeURIComponent('{job="node",instance="a:9100"}')}`,
    );
    expect(body.data).toEqual([
      {
        target: { instance: 'a:9100', job: 'node' },
        metric: 'up_time',
        type: 'gauge',
        help: 'Up.',
        unit: '',
      },
      {
        target: { instance: 'a:9100', job: 'node' },
        metric: 'reqs_total',
        type: 'counter',
        help: 'Requests on a:9100.',
        unit: '',
      },
    ]);
    const one = await get('/targets/metadata?metric=up_time&limit=2');
    expect(one.body.data).toEqual([
      { target: { instance: 'a:80', job: 'api' }, type: 'gauge', help: 'Up.', unit: '' },
      { target: { instance: 'a:9100', job: 'node' }, type: 'gauge', help: 'Up.', unit: '' },
    ]);
    expect(source.asked.at(-1)).toBe(true);
  });

  it('answers /metadata with the distinct metadata of each family', async () => {
    const { body } = await get('/metadata');
    const data = body.data as Record<string, unknown[]>;
    expect(data.up_time).toEqual([{ type: 'gauge', help: 'Up.', unit: '' }]);
    expect(data.reqs_total).toHaveLength(3);
    const limited = (await get('/metadata?limit_per_metric=1&metric=reqs_total')).body.data;
    expect(limited).toEqual({
      reqs_total: [{ type: 'counter', help: 'Requests on a:80.', unit: '' }],
    });
    expect(Object.keys((await get('/metadata?limit=1')).body.data)).toHaveLength(1);
  });

  it('refuses a limit that is not a number, and a bad match_target', async () => {
    expect(await get('/metadata?limit=x')).toMatchObject({
      status: 400,
      body: { error: 'limit must be a number' },
    });
    expect((await get('/targets/metadata?match_target=%7B')).status).toBe(400);
  });
});
