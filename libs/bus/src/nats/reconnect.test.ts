import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:net';
import type { Bus, BusStatus } from '../bus.js';
import { bytes, collect, eventually, memoryLog, partial, text } from '../contract/harness.js';
import { BusUnavailableError } from '../errors.js';
import { subjects } from '../subjects.js';
import { startNatsServer } from '../testing/nats-server.js';
import type { NatsServerHandle } from '../testing/nats-server.js';
import { connectNatsBus } from './nats-bus.js';

// Real nats-server processes on a shared machine: allow more than jest's default 5 s.
jest.setTimeout(20_000);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(opts?: { port?: number }): Promise<NatsServerHandle> {
  const s = await startNatsServer(opts);
  cleanups.push(() => s.stop());
  return s;
}

async function bus(url: string, log = memoryLog().log): Promise<Bus> {
  const b = await connectNatsBus({ servers: url, reconnectWaitMs: 100, log });
  cleanups.push(() => b.close());
  return b;
}

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

/** Subscribes, consumes and serves, and checks all three work. */
async function wire(b: Bus, shard: number): Promise<() => Promise<void>> {
  const core: string[] = [];
  const durable: string[] = [];
  b.subscribe('restart.core', (m) => void core.push(text(m.data)));
  b.consumeDurable(subjects.write(shard), 'replica', async (m) => void durable.push(text(m.data)));
  b.serve('restart.req', async (req, reply) => reply.write(req.data));
  let n = 0;
  return async () => {
    const tag = String(n++);
    await b.publish('restart.core', bytes(tag));
    await b.publishDurable(subjects.write(shard), bytes(tag));
    expect((await collect(b.request('restart.req', bytes(tag)))).map(text)).toEqual([tag]);
    await eventually(
      () => core.includes(tag) && durable.includes(tag),
      `message ${tag} after start`,
    );
  };
}

describe('NATS bus connection handling', () => {
  it('resumes subscriptions, responders and durable consumers after a server restart', async () => {
    const s = await server();
    const b = await bus(s.url);
    const seen: BusStatus[] = [];
    b.onStatus((status) => seen.push(status));
    const check = await wire(b, 1);
    await check();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    cleanups.push(async () => release());
    b.serve('restart.hold', async (_req, reply) => {
      await reply.write(bytes('started'));
      await held;
    });
    const inFlight = partial(b.request('restart.hold', bytes(''), { timeoutMs: 30_000 }));
    await eventually(() => b.status === 'connected', 'connected');
    await s.restart();
    expect((await inFlight).error).toBeInstanceOf(BusUnavailableError);
    await eventually(() => seen.includes('disconnected') && b.status === 'connected', 'reconnect');
    await check();
    expect(seen[0]).toBe('disconnected');
    expect(seen.at(-1)).toBe('connected');
  });

  it('starts while the server is down, refuses publishing, and catches up once it is up', async () => {
    const port = await freePort();
    const mem = memoryLog();
    const b = await bus(`nats://127.0.0.1:${port}`, mem.log);
    expect(b.status).toBe('reconnecting');
    expect(mem.entries.some((e) => e.level === 'error' && /cannot connect/.test(e.msg))).toBe(true);
    await expect(b.publish('x', bytes(''))).rejects.toThrow(BusUnavailableError);
    await expect(b.publishDurable(subjects.write(2), bytes(''))).rejects.toThrow(
      BusUnavailableError,
    );
    await expect(collect(b.request('x', bytes('')))).rejects.toThrow(BusUnavailableError);
    const check = await wire(b, 2);
    await server({ port });
    await eventually(() => b.status === 'connected', 'the first connection');
    await check();
  });

  it('closes promptly while still trying to connect', async () => {
    const b = await bus(`nats://127.0.0.1:${await freePort()}`);
    await b.close();
    expect(b.status).toBe('closed');
  });
});
