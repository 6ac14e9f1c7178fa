import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { codecs, createInProcessBus, subjects } from '@promethium/bus';
import type { Bus, TargetSet } from '@promethium/bus';
import { parsePrometheusConfig } from '@promethium/config';
import type { LabeledSample } from '@promethium/model';
import { startScraper } from './service.js';
import type { ScraperService } from './service.js';

const TARGETS = 20;
const config = parsePrometheusConfig(
  'scrape_configs:\n  - job_name: t\n    scrape_interval: 100ms\n    scrape_timeout: 100ms\n',
  'prometheus.yml',
).config;

/**
 * Two scraper replicas on one bus (what two processes on NATS do, in one process), over
 * TARGETS targets of one job served by one HTTP server told apart by a `t` query
 * parameter, with every sample they write captured from the shard's write subject.
 */
describe('scraper replicas', () => {
  let bus: Bus;
  let server: Server;
  let address: string;
  let written: LabeledSample[];
  const lastHit = new Map<string, number>();
  const running: ScraperService[] = [];

  beforeEach(async () => {
    bus = createInProcessBus();
    bus.serve(subjects.targetsSync, (_req, reply) =>
      reply.write(codecs.targetSets.encode([current])),
    );
    written = [];
    bus.subscribe(subjects.write(0), (msg) => {
      written.push(...codecs.sampleBatch.decode(msg.data));
    });
    lastHit.clear();
    server = createServer((req, res) => {
      lastHit.set(new URL(req.url!, 'http://x').searchParams.get('t')!, Date.now());
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end('m 1\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
    await bus.close();
    await new Promise((r) => server.close(r));
  });

  // Discovery's part: publish the set, and hand it to a replica that asks when it starts.
  let current: TargetSet = { job: 't', groups: [] };
  const publishTargets = (count: number) => {
    const targets = Array.from({ length: count }, (_, i) => ({
      __address__: address,
      __param_t: String(i),
      t: String(i),
    }));
    current = { job: 't', groups: [{ source: '0', targets, labels: {} }] };
    return bus.publish(subjects.targets('t'), codecs.targetSet.encode(current));
  };
  const replica = async () => {
    const registry = new Registry();
    const service = await startScraper({
      bus,
      shards: 1,
      config,
      registry,
      logger: pino({ level: 'silent' }),
      heartbeatIntervalMs: 1000,
    });
    running.push(service);
    const gauge = async (name: string) =>
      Number(
        (await registry.getSingleMetricAsString(name)).match(
          new RegExp(`^${name} (\\S+)$`, 'm'),
        )![1],
      );
    return {
      service,
      owned: () => gauge('promethium_scraper_owned_targets'),
      members: () => gauge('promethium_scraper_members'),
    };
  };
  const until = async (what: string, ok: () => Promise<boolean> | boolean, timeoutMs: number) => {
    const start = Date.now();
    while (!(await ok())) {
      if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return Date.now() - start;
  };
  const allScrapedSince = (t: number, count: number) =>
    Array.from({ length: count }, (_, i) => String(i)).every((i) => (lastHit.get(i) ?? 0) > t);
  const staleTargets = () =>
    [...new Set(written.filter((s) => s.stale).map((s) => s.labels.get('t')))].sort();

  it('share the targets, hand them over without staleness markers, and mark the ones that go', async () => {
    const a = await replica();
    await publishTargets(TARGETS);
    await until('a owns every target', async () => (await a.owned()) === TARGETS, 2000);
    await until('every target scraped', () => allScrapedSince(0, TARGETS), 2000);

    const b = await replica();
    await until(
      'the two share the targets',
      async () => (await a.owned()) + (await b.owned()) === TARGETS && (await b.owned()) > 0,
      2000,
    );
    expect([await a.members(), await b.members()]).toEqual([2, 2]);
    expect(await a.owned()).toBeGreaterThan(0);
    const shared = Date.now();
    await until(
      'every target scraped after the handover',
      () => allScrapedSince(shared, TARGETS),
      2000,
    );
    expect(staleTargets()).toEqual([]);

    // Five targets leave discovery: their series end with markers, wherever they ran.
    await publishTargets(TARGETS - 5);
    const gone = ['15', '16', '17', '18', '19'];
    await until('markers for the targets that left', () => staleTargets().length === 5, 2000);
    expect(staleTargets()).toEqual(gone);
    expect((await a.owned()) + (await b.owned())).toBe(TARGETS - 5);

    // b stops cleanly: its goodbye moves its targets to a at once, far within the three
    // heartbeat intervals (3 s) after which a silent replica would be counted dead.
    await b.service.stop();
    running.splice(running.indexOf(b.service), 1);
    const tookMs = await until(
      'a owns the rest',
      async () => (await a.owned()) === TARGETS - 5,
      2000,
    );
    expect(tookMs).toBeLessThan(1000);
    expect(await a.members()).toBe(1);
    const alone = Date.now();
    await until('a scrapes them all', () => allScrapedSince(alone, TARGETS - 5), 2000);
    expect(staleTargets()).toEqual(gone);

    // The last replica stopping has nobody to hand over to: every series gets its marker.
    await a.service.stop();
    running.splice(0);
    await until('markers for every target', () => staleTargets().length === TARGETS, 2000);
  });
});
