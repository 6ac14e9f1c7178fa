import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createInProcessBus } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { parsePrometheusConfig } from '@promethium/config';
import { startDiscovery } from '@promethium/discovery-service';
import { startScraper } from '@promethium/scraper-service';
import { startStorageShard } from '@promethium/storage-service';
import { createQueryService } from '@promethium/query-service';

const SERIES = 40;
const body = Array.from({ length: SERIES }, (_, i) => `t{n="${i}"} ${i}`).join('\n') + '\n';
const logger = pino({ level: 'silent' });

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Doc {
  status: string;
  errorType?: string;
  error?: string;
  data?: unknown;
  warnings?: string[];
}

async function getJson(url: string): Promise<[number, Doc]> {
  const res = await fetch(url);
  return [res.status, (await res.json()) as Doc];
}

/** How many series or strings an answer holds, whatever its shape. */
function size(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  return (data as { result: unknown[] }).result.length;
}

// Two shards configured, only shard 0 started: shard 1 never answers. The scraper writes
// both; shard 1's batches wait in the durable stream nobody consumes.
describe('a storage shard that does not answer', () => {
  let dir: string;
  let bus: Bus;
  let target: Server;
  let api: Server;
  let base: string;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-shard-failures-'));
    bus = createInProcessBus();
    target = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body),
    );
    const address = await listen(target);
    const yaml = `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: t\n    static_configs:\n      - targets: ['${address}']\n`;
    const config = parsePrometheusConfig(yaml, 'test.yml').config;
    const registry = new Registry();
    const shard = await startStorageShard({
      bus,
      shard: 0,
      replica: 'test',
      dataDir: join(dir, 'shard-0'),
      logger,
      registry,
    });
    stops.push(() => shard.stop());
    const discovery = await startDiscovery({ bus, config, registry, logger });
    stops.push(() => discovery.stop());
    const scraper = await startScraper({ bus, shards: 2, config, registry, logger });
    stops.push(() => scraper.stop());
    const app = express();
    for (const partialResponse of [false, true]) {
      const router = express.Router();
      const own = new Registry();
      createQueryService({ bus, shards: 2, logger, registry: own, partialResponse }).routes(router);
      app.use(partialResponse ? '/partial' : '/strict', router);
    }
    api = createServer(app);
    base = `http://${await listen(api)}`;
    for (let i = 0; i < 500; i++) {
      const [, doc] = await getJson(`${base}/partial/api/v1/series?match[]=t`);
      if (size(doc.data) > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the scrape never reached shard 0');
  });

  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((r) => api.close(r));
    for (const stop of stops.reverse()) await stop();
    await bus.close();
    await new Promise((r) => target.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  const now = (): number => Date.now() / 1000;
  const cases: [string, () => string, string][] = [
    ['/query', () => `/query?query=t`, 'select'],
    [
      '/query_range',
      () => `/query_range?query=t&start=${now() - 60}&end=${now()}&step=15`,
      'select',
    ],
    ['/series', () => '/series?match[]=t', 'select'],
    ['/labels', () => '/labels', 'labels'],
    ['/label/n/values', () => '/label/n/values', 'labels'],
  ];

  it.each(cases)(
    'GET %s fails with `unavailable` naming the shard',
    async (_name, path, subject) => {
      const [status, doc] = await getJson(`${base}/strict/api/v1${path()}`);
      // Prometheus gives `unavailable` no status of its own: the default 500.
      expect([status, doc.status, doc.errorType]).toEqual([500, 'error', 'unavailable']);
      expect(doc.error).toBe(`shard 1 unavailable: no responder for prm.${subject}.v1.1`);
    },
  );

  it.each(cases)(
    'GET %s with partial response answers from shard 0 with a warning',
    async (_name, path, subject) => {
      const [status, doc] = await getJson(`${base}/partial/api/v1${path()}`);
      expect([status, doc.status]).toEqual([200, 'success']);
      expect(doc.warnings).toEqual([`shard 1 unavailable: no responder for prm.${subject}.v1.1`]);
      // Some series live on shard 1 (jump hash over 40 label sets), so not all come back.
      expect(size(doc.data)).toBeGreaterThan(0);
      if (!path().startsWith('/labels')) expect(size(doc.data)).toBeLessThan(SERIES);
    },
  );
});
