import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { Engine } from '@promethium/promql';
import express from 'express';
import { createApiRouter } from './router.js';
import { defaultStatus } from './status.js';
import { MemoryStore } from './testing/memory-store.js';

const T0 = 1_700_000_000_000;

/** What the process's reload wiring reports; the test changes it between requests. */
const loaded = { yaml: 'global:\n  scrape_interval: 15s\n', success: true, atMs: T0 };

let server: Server;
let base = '';

beforeAll(async () => {
  const store = new MemoryStore([]);
  const app = express();
  app.use(
    '/api/v1',
    createApiRouter({
      engine: new Engine(),
      queryable: store,
      labels: store,
      logger: { warn: () => undefined, debug: () => undefined },
      status: {
        ...defaultStatus(T0),
        configYaml: () => loaded.yaml,
        reloadConfigSuccess: () => loaded.success,
        lastConfigTimeMs: () => loaded.atMs,
      },
    }),
  );
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function data(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Record<string, unknown> }).data;
}

describe('status of the configuration and its reloads', () => {
  it('reports each request what the reload wiring holds at that moment', async () => {
    expect(await data('/status/config')).toEqual({ yaml: 'global:\n  scrape_interval: 15s\n' });
    let info = await data('/status/runtimeinfo');
    expect([info.reloadConfigSuccess, info.lastConfigTime]).toEqual([true, '2023-11-14T22:13:20Z']);

    // A failed reload keeps the loaded text and the time of the last success.
    loaded.success = false;
    info = await data('/status/runtimeinfo');
    expect([info.reloadConfigSuccess, info.lastConfigTime]).toEqual([
      false,
      '2023-11-14T22:13:20Z',
    ]);

    loaded.yaml = 'global:\n  scrape_interval: 30s\n';
    loaded.success = true;
    loaded.atMs = T0 + 61_999;
    expect(await data('/status/config')).toEqual({ yaml: 'global:\n  scrape_interval: 30s\n' });
    info = await data('/status/runtimeinfo');
    // Whole seconds, as Prometheus reads the time back from its reload timestamp gauge.
    expect([info.reloadConfigSuccess, info.lastConfigTime]).toEqual([true, '2023-11-14T22:14:21Z']);
  });
});
