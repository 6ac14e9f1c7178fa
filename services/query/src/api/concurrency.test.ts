import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { Engine } from '@promethium/promql';
import express from 'express';
import { QueryGate } from './query-gate.js';
import { createApiRouter } from './router.js';
import { HoldingStore } from './testing/holding-store.js';
import { MemoryStore } from './testing/memory-store.js';

const MAX = 2;
let server: Server;
let base: string;
let store: HoldingStore;
const gate = new QueryGate(MAX);

beforeAll(async () => {
  store = new HoldingStore();
  const app = express();
  app.use(
    '/api/v1',
    createApiRouter({
      engine: new Engine(),
      queryable: store,
      labels: new MemoryStore([]),
      logger: { warn: () => undefined, debug: () => undefined },
      now: () => 0,
      gate,
    }),
  );
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function query(extra = ''): Promise<[number, unknown]> {
  const res = await fetch(`${base}/query?query=up&time=0${extra}`);
  return [res.status, await res.json()];
}

describe('--query.max-concurrency', () => {
  it('holds the query past the limit until a running one finishes', async () => {
    const before = store.selects;
    const answers = Array.from({ length: MAX + 1 }, () => query());
    await store.started(before + MAX);
    while (gate.waiting < 1) await new Promise((r) => setTimeout(r, 5));
    expect([gate.active, gate.waiting, store.selects]).toEqual([MAX, 1, before + MAX]);
    store.releaseOne();
    // Only a finished query lets the waiting one reach the store.
    await store.started(before + MAX + 1);
    store.releaseOne();
    store.releaseOne();
    for (const [status] of await Promise.all(answers)) expect(status).toBe(200);
    expect(store.selects).toBe(before + MAX + 1);
  });

  it('fails a query that waits longer than its timeout with `timeout`, never reaching the store', async () => {
    const before = store.selects;
    const running = Array.from({ length: MAX }, () => query());
    try {
      await store.started(before + MAX);
      expect(await query('&timeout=100ms')).toEqual([
        503,
        { status: 'error', errorType: 'timeout', error: 'query timed out in query queue' },
      ]);
      expect(store.selects).toBe(before + MAX);
    } finally {
      for (let i = 0; i < MAX; i++) store.releaseOne();
    }
    for (const [status] of await Promise.all(running)) expect(status).toBe(200);
  });
});
