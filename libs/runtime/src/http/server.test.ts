import { request } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { Registry } from 'prom-client';
import { InvalidOptionError, ListenError } from '../errors.js';
import { createRegistry } from '../metrics/registry.js';
import { fetchText } from '../testing/client.js';
import { logSink } from '../testing/log-sink.js';
import { startHttpServer } from './server.js';
import type { HttpServer, HttpServerOptions } from './server.js';

const servers: HttpServer[] = [];

async function start(overrides: Partial<HttpServerOptions> = {}): Promise<HttpServer> {
  const server = await startHttpServer({
    listenAddress: '127.0.0.1:0',
    registry: new Registry(),
    logger: logSink().logger,
    isReady: () => true,
    reload: async () => undefined,
    name: 'Test',
    ...overrides,
  });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('startHttpServer built-in endpoints', () => {
  it('serves /metrics from the registry in the text format', async () => {
    const server = await start({ registry: createRegistry('query') });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await fetchText(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.body).toContain('promethium_build_info{service="query"');
  });

  it.each([
    ['GET', '/-/healthy', 200, 'Test is Healthy.\n'],
    ['HEAD', '/-/healthy', 200, ''],
    ['GET', '/-/ready', 200, 'Test is Ready.\n'],
    ['POST', '/-/reload', 200, ''],
    ['PUT', '/-/reload', 200, ''],
    ['GET', '/-/reload', 405, 'This endpoint requires a POST request.\n'],
    ['GET', '/nope', 404, '404 page not found\n'],
  ])('%s %s -> %i', async (method, path, status, body) => {
    const server = await start();
    const res = await fetchText(`${server.url}${path}`, { method });
    expect([res.status, res.body]).toEqual([status, body]);
  });

  it('answers /-/ready with 503 until the service is ready', async () => {
    let ready = false;
    const server = await start({ isReady: () => ready });
    const before = await fetchText(`${server.url}/-/ready`);
    expect([before.status, before.body]).toEqual([503, 'Service Unavailable']);
    ready = true;
    expect((await fetchText(`${server.url}/-/ready`)).status).toBe(200);
  });

  it('runs the reload hook and reports its failure as a 500', async () => {
    let calls = 0;
    let fail = false;
    const server = await start({
      reload: async () => {
        calls++;
        if (fail) throw new Error('config: bad yaml at line 3');
      },
    });
    expect((await fetchText(`${server.url}/-/reload`, { method: 'POST' })).status).toBe(200);
    fail = true;
    const res = await fetchText(`${server.url}/-/reload`, { method: 'POST' });
    expect([res.status, res.body]).toEqual([
      500,
      'failed to reload config: config: bad yaml at line 3\n',
    ]);
    expect(calls).toBe(2);
  });

  it('logs each request at debug level', async () => {
    const sink = logSink();
    const server = await start({ logger: sink.logger });
    await fetchText(`${server.url}/-/healthy`);
    const access = sink.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((r) => r.msg === 'http request');
    expect(access).toMatchObject({
      level: 'debug',
      method: 'GET',
      path: '/-/healthy',
      status: 200,
    });
  });
});

describe('startHttpServer service routes and failures', () => {
  function failingRoutes(app: express.Express): void {
    app.get('/sync', () => {
      throw new Error('sync failure');
    });
    app.get('/async', async () => {
      throw new Error('async failure');
    });
    app.post('/json', express.json(), (req, res) => {
      res.json(req.body);
    });
    app.get('/partial', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('half');
      throw new Error('mid-stream failure');
    });
    app.get('/ok', (_req, res) => {
      res.send('ok');
    });
  }

  it.each([
    ['/sync', 'text/plain', 500, 'sync failure\n'],
    ['/async', 'text/plain', 500, 'async failure\n'],
    [
      '/async',
      'application/json',
      500,
      '{"status":"error","errorType":"internal","error":"async failure"}',
    ],
  ])('turns an error in %s (Accept %s) into %i', async (path, accept, status, body) => {
    const sink = logSink();
    const server = await start({ logger: sink.logger, routes: failingRoutes });
    const res = await fetchText(`${server.url}${path}`, { headers: { Accept: accept } });
    expect([res.status, res.body]).toEqual([status, body]);
    expect(
      sink.lines.some((l) => l.includes('"level":"error"') && l.includes('http request failed')),
    ).toBe(true);
    expect((await fetchText(`${server.url}/ok`)).body).toBe('ok');
  });

  it("keeps a body parser's 400", async () => {
    const server = await start({ routes: failingRoutes });
    const res = await fetchText(`${server.url}/json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"broken"',
    });
    expect(res.status).toBe(400);
  });

  it('cuts off a response that failed after its headers were sent, and keeps serving', async () => {
    const server = await start({ routes: failingRoutes });
    await expect(fetchText(`${server.url}/partial`)).rejects.toThrow();
    expect((await fetchText(`${server.url}/ok`)).body).toBe('ok');
  });

  it('survives a client that disconnects mid-request', async () => {
    let arrived: () => void = () => undefined;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    let answered: () => void = () => undefined;
    const responseAttempted = new Promise<void>((resolve) => (answered = resolve));
    const server = await start({
      routes: (app) => {
        app.get('/slow', (req, res) => {
          req.socket.once('close', () => {
            res.send('too late');
            answered();
          });
          arrived();
        });
        app.get('/ok', (_req, res) => void res.send('ok'));
      },
    });
    const client = request(`${server.url}/slow`, { agent: false });
    client.on('error', () => undefined);
    client.end();
    await requestArrived;
    client.destroy();
    await responseAttempted;
    expect((await fetchText(`${server.url}/ok`)).body).toBe('ok');
  });

  it('mounts service routes after the built-ins', async () => {
    const server = await start({
      routes: (app) => {
        app.get('/-/healthy', (_req, res) => void res.send('shadowed'));
        app.get('/api/v1/status', (_req, res) => void res.json({ status: 'success' }));
      },
    });
    expect((await fetchText(`${server.url}/-/healthy`)).body).toBe('Test is Healthy.\n');
    expect((await fetchText(`${server.url}/api/v1/status`)).body).toBe('{"status":"success"}');
  });
});

describe('startHttpServer setup', () => {
  it('refuses a malformed listen address', async () => {
    await expect(start({ listenAddress: 'localhost' })).rejects.toThrow(InvalidOptionError);
  });

  it('reports a port already in use as a ListenError', async () => {
    const first = await start();
    const err = await start({ listenAddress: `127.0.0.1:${first.port}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListenError);
    expect((err as ListenError).message).toMatch(`cannot listen on 127.0.0.1:${first.port}: `);
  });

  it('treats reloadWebConfig without a web config file as a no-op and close as idempotent', async () => {
    const server = await startHttpServer({
      listenAddress: '127.0.0.1:0',
      registry: new Registry(),
      logger: logSink().logger,
      isReady: () => true,
      reload: async () => undefined,
    });
    await server.reloadWebConfig();
    expect((await fetchText(`${server.url}/-/healthy`)).body).toBe('Promethium is Healthy.\n');
    await Promise.all([server.close(), server.close()]);
    await expect(fetchText(`${server.url}/-/healthy`)).rejects.toThrow();
  });
});
