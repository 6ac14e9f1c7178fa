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
import { parsePrometheusConfig } from '@promethium/config';
import { startAllInOne } from './all.js';
import type { AllInOne } from './all.js';

const SERIES = 30;
const SHARDS = 3;
const body = [
  '# HELP t_total Things counted.',
  '# TYPE t_total counter',
  ...Array.from({ length: SERIES }, (_, i) => `t_total{n="${String(i).padStart(2, '0')}"} ${i}`),
  '',
].join('\n');

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function getJson(url: string): Promise<[number, unknown]> {
  const res = await fetch(url);
  return [res.status, await res.json()];
}

// Real shards (SQLite in a temp dir) behind the in-process bus, fed by a real scrape,
// read through the query service's HTTP API.
describe('one process: series, labels and TSDB status over every shard', () => {
  let dir: string;
  let all: AllInOne;
  let target: Server;
  let api: Server;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-all-'));
    target = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body),
    );
    const address = await listen(target);
    const yaml = `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: t\n    static_configs:\n      - targets: ['${address}', 'dropped.example:1']\n    relabel_configs:\n      - source_labels: [__address__]\n        regex: dropped.*\n        action: drop\n`;
    all = await startAllInOne({
      config: parsePrometheusConfig(yaml, 'test.yml').config,
      dataDir: dir,
      shards: SHARDS,
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
    });
    const app = express();
    const router = express.Router();
    all.routes(router);
    app.use(router);
    api = createServer(app);
    base = `http://${await listen(api)}/api/v1`;
    for (let i = 0; i < 500; i++) {
      const [, doc] = await getJson(`${base}/series?match[]=t_total`);
      if ((doc as { data: unknown[] }).data.length === SERIES) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the scrape never reached every shard');
  });

  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((r) => api.close(r));
    await all.stop();
    await new Promise((r) => target.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it.each<[string, unknown]>([
    ['/labels?match[]=t_total', ['__name__', 'instance', 'job', 'n']],
    ['/label/job/values', ['t']],
    [
      '/label/__name__/values',
      [
        'scrape_duration_seconds',
        'scrape_samples_post_metric_relabeling',
        'scrape_samples_scraped',
        'scrape_series_added',
        't_total',
        'up',
      ],
    ],
    ['/label/n/values?limit=2', ['00', '01']],
    ['/series?match[]=t_total{n=~"0[0-2]"}&limit=5', 3],
  ])('GET %s', async (path, want) => {
    const [status, doc] = await getJson(`${base}${path}`);
    expect(status).toBe(200);
    const data = (doc as { data: unknown[] }).data;
    if (typeof want === 'number') expect(data).toHaveLength(want);
    else expect(data).toEqual(want);
  });

  it('shows the scraper targets and their metadata through the query API', async () => {
    const [, doc] = await getJson(`${base}/targets`);
    const data = (doc as { data: Record<string, Record<string, unknown>[]> }).data;
    expect(data.activeTargets).toHaveLength(1);
    expect(data.activeTargets![0]).toMatchObject({
      scrapePool: 't',
      health: 'up',
      lastError: '',
      labels: { job: 't' },
      scrapeInterval: '1s',
    });
    expect(data.droppedTargets).toEqual([
      expect.objectContaining({
        discoveredLabels: expect.objectContaining({ __address__: 'dropped.example:1' }),
      }),
    ]);
    const [, meta] = await getJson(`${base}/metadata?metric=t_total`);
    expect((meta as { data: unknown }).data).toEqual({
      t_total: [{ type: 'counter', help: 'Things counted.', unit: '' }],
    });
  });

  it('sums cardinality over the shards', async () => {
    const [status, doc] = await getJson(`${base}/status/tsdb`);
    expect(status).toBe(200);
    const data = (doc as { data: Record<string, { name: string; value: number }[]> }).data;
    expect(data.seriesCountByMetricName![0]).toEqual({ name: 't_total', value: SERIES });
    expect(data.labelValueCountByLabelName![0]).toEqual({ name: 'n', value: SERIES });
    expect((doc as { data: { headStats: { numSeries: number } } }).data.headStats.numSeries).toBe(
      SERIES + 5,
    );
  });
});
