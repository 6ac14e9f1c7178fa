import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { codecs, connectNatsBus, createInProcessBus, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { startNatsServer } from '@promethium/bus/testing';
import type { NatsServerHandle } from '@promethium/bus/testing';
import { Membership } from './membership.js';

// Real nats-server processes on a shared machine: allow more than jest's default 5 s.
jest.setTimeout(30_000);

const logger = pino({ level: 'silent' });

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - start;
}

describe('Membership', () => {
  let server: NatsServerHandle;
  const buses: Bus[] = [];
  const started: Membership[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((m) => m.leave()));
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });

  const natsBus = async () => {
    const bus = await connectNatsBus({ servers: server.url, reconnectWaitMs: 100, log: () => {} });
    buses.push(bus);
    return bus;
  };
  const member = (bus: Bus, heartbeatIntervalMs: number, registry = new Registry()) => {
    const m = new Membership({ bus, heartbeatIntervalMs, logger, registry });
    started.push(m);
    return m;
  };
  const sorted = (...ms: Membership[]) => ms.map((m) => m.id).sort();

  it('is the only member alone on the in-process bus, and reports so', async () => {
    const bus = createInProcessBus();
    buses.push(bus);
    const registry = new Registry();
    const solo = member(bus, 50, registry);
    await solo.join();
    await new Promise((r) => setTimeout(r, 200));
    expect(solo.members()).toEqual([solo.id]);
    expect(await registry.getSingleMetricAsString('promethium_scraper_members')).toMatch(
      /^promethium_scraper_members 1$/m,
    );
  });

  it('lets a newcomer learn the others from their answers, long before a heartbeat', async () => {
    // Heartbeats 4 s apart: within join()'s 1 s only answers to the hello can arrive.
    const a = member(await natsBus(), 4000);
    await a.join();
    const b = member(await natsBus(), 4000);
    const changes: string[][] = [];
    a.onChange(() => changes.push(a.members()));
    await b.join();
    const c = member(await natsBus(), 4000);
    await c.join();
    for (const m of [a, b, c]) expect(m.members()).toEqual(sorted(a, b, c));
    expect(changes).toEqual([sorted(a, b), sorted(a, b, c)]);
  });

  it('drops a member at once when it says goodbye', async () => {
    const registry = new Registry();
    const a = member(await natsBus(), 4000, registry);
    const b = member(await natsBus(), 4000);
    await a.join();
    await b.join();
    expect(await registry.getSingleMetricAsString('promethium_scraper_members')).toMatch(/ 2$/m);
    await b.leave();
    await until('a drops b', () => a.members().length === 1, 500);
    expect(a.members()).toEqual([a.id]);
    expect(await registry.getSingleMetricAsString('promethium_scraper_members')).toMatch(/ 1$/m);
  });

  it('counts a member dead after three silent heartbeat intervals, not before', async () => {
    const a = member(await natsBus(), 100);
    const crashing = await natsBus();
    const b = member(crashing, 100);
    await a.join();
    await b.join();
    await new Promise((r) => setTimeout(r, 300));
    expect(a.members()).toEqual(sorted(a, b));
    // A crash: the connection goes, no goodbye.
    await crashing.close();
    const tookMs = await until('a drops b', () => a.members().length === 1, 2000);
    expect(tookMs).toBeGreaterThanOrEqual(180);
    expect(tookMs).toBeLessThan(500);
  });

  it('keeps the others through a bus outage longer than their deadline', async () => {
    let outage: NatsServerHandle | undefined = await startNatsServer();
    try {
      const connect = async () => {
        const bus = await connectNatsBus({
          servers: outage!.url,
          reconnectWaitMs: 100,
          log: () => {},
        });
        buses.push(bus);
        return bus;
      };
      const a = member(await connect(), 100);
      const b = member(await connect(), 100);
      await a.join();
      await b.join();
      let changes = 0;
      a.onChange(() => changes++);
      b.onChange(() => changes++);
      // One second down: more than three times the 300 ms in which a silent member dies.
      const port = outage.port;
      await outage.stop();
      await new Promise((r) => setTimeout(r, 1000));
      outage = await startNatsServer({ port });
      await until('both reconnect', () => buses.every((bus) => bus.status === 'connected'), 5000);
      await new Promise((r) => setTimeout(r, 500));
      expect(changes).toBe(0);
      expect(a.members()).toEqual(sorted(a, b));
      expect(b.members()).toEqual(sorted(a, b));
    } finally {
      await Promise.all(started.splice(0).map((m) => m.leave()));
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
      await outage.stop();
    }
  });

  it('ignores a malformed message on its subject', async () => {
    const bus = await natsBus();
    const a = member(bus, 100);
    await a.join();
    await bus.publish(subjects.scraperMembers, new TextEncoder().encode('{"member":1}'));
    await bus.publish(
      subjects.scraperMembers,
      codecs.memberMessage.encode({ member: 'other', event: 'alive' }),
    );
    await until('a hears the valid message', () => a.members().includes('other'), 1000);
    expect(a.members()).toEqual([a.id, 'other'].sort());
  });
});
