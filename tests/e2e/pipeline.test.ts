import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer } from '@promethium/bus/testing';
import type { NatsServerHandle } from '@promethium/bus/testing';
import { Service, freePort, waitFor } from './harness.js';
import { startTarget } from './target.js';
import type { TestTarget } from './target.js';
import { appendedPerShard, checkPipeline, configYaml, targetBody } from './scenario.js';

interface Fixture {
  dir: string;
  target: TestTarget;
  config: string;
}

async function setUp(): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'promethium-e2e-'));
  const target = await startTarget(targetBody());
  const sdFile = join(dir, 'targets.json');
  await writeFile(sdFile, JSON.stringify([{ targets: [target.address], labels: { team: 'a' } }]));
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, configYaml(target.address, sdFile));
  return { dir, target, config };
}

async function tearDown(fixture: Fixture | undefined, services: Service[]): Promise<void> {
  const codes = await Promise.all(services.reverse().map((s) => s.stop()));
  await fixture?.target.close();
  if (fixture) await rm(fixture.dir, { recursive: true, force: true });
  codes.forEach((code, i) =>
    expect({ service: services[i]!.name, code }).toEqual({ service: services[i]!.name, code: 0 }),
  );
}

const metricsOf = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

describe('cluster mode: every service its own process over NATS', () => {
  let nats: NatsServerHandle;
  let fixture: Fixture;
  const services: Service[] = [];
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    nats = await startNatsServer();
    fixture = await setUp();
    for (const name of ['discovery', 'scraper', 'storage0', 'storage1', 'query'])
      ports[name] = await freePort();
    const common = (name: string) => [
      `--nats.url=${nats.url}`,
      `--web.listen-address=127.0.0.1:${ports[name]}`,
    ];
    const dataDir = (shard: number) => `--storage.tsdb.path=${join(fixture.dir, `shard-${shard}`)}`;
    services.push(
      new Service('storage0', ['storage', ...common('storage0'), '--shard.index=0', dataDir(0)]),
      new Service('storage1', ['storage', ...common('storage1'), '--shard.index=1', dataDir(1)]),
      new Service('query', ['query', ...common('query'), '--shard.count=2']),
      new Service('scraper', [
        'scraper',
        ...common('scraper'),
        `--config.file=${fixture.config}`,
        '--shard.count=2',
      ]),
      new Service('discovery', [
        'discovery',
        ...common('discovery'),
        `--config.file=${fixture.config}`,
      ]),
    );
  });

  afterAll(async () => {
    await tearDown(fixture, services);
    await nats?.stop();
  });

  it('scrapes, shards, stores and answers PromQL merged from both shards', async () => {
    try {
      await checkPipeline(`http://127.0.0.1:${ports.query}`, fixture.target.address);
      const shard0 = appendedPerShard(await metricsOf(ports.storage0!)).get('0') ?? 0;
      const shard1 = appendedPerShard(await metricsOf(ports.storage1!)).get('1') ?? 0;
      expect(shard0).toBeGreaterThan(0);
      expect(shard1).toBeGreaterThan(0);
    } catch (err) {
      for (const s of services) console.error(`--- ${s.name}\n${s.tail()}`);
      throw err;
    }
  });
});

describe('one-process mode: promethium all', () => {
  let fixture: Fixture;
  let port: number;
  const services: Service[] = [];

  beforeAll(async () => {
    fixture = await setUp();
    port = await freePort();
    services.push(
      new Service('all', [
        'all',
        `--config.file=${fixture.config}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--storage.tsdb.path=${join(fixture.dir, 'data')}`,
      ]),
    );
  });

  afterAll(() => tearDown(fixture, services));

  it('runs the same pipeline in one process over the in-process bus', async () => {
    try {
      await checkPipeline(`http://127.0.0.1:${port}`, fixture.target.address);
      const perShard = await waitFor('both shards in /metrics', async () => {
        const counts = appendedPerShard(await metricsOf(port));
        return counts.size === 2 ? counts : undefined;
      });
      expect(perShard.get('0')).toBeGreaterThan(0);
      expect(perShard.get('1')).toBeGreaterThan(0);
    } catch (err) {
      console.error(services[0]!.tail());
      throw err;
    }
  });
});
