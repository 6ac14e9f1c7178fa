import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer } from '@promethium/bus/testing';
import type { NatsServerHandle } from '@promethium/bus/testing';
import { Service, freePort, getJson, waitFor } from './harness.js';
import { startTarget } from './target.js';
import type { TestTarget } from './target.js';
import { checkPipeline, configYaml, targetBody } from './scenario.js';

const NAMES = ['storage0', 'storage1', 'query', 'scraper', 'discovery'] as const;

describe('cluster mode when NATS is down at start and goes away later', () => {
  let dir: string;
  let target: TestTarget;
  let natsPort: number;
  let nats: NatsServerHandle | undefined;
  const ports: Record<string, number> = {};
  const services: Service[] = [];
  let common: (name: string) => string[];
  const storage0Args = () => [
    'storage',
    ...common('storage0'),
    '--shard.index=0',
    `--storage.tsdb.path=${join(dir, 's0')}`,
  ];
  const url = (name: string, path: string) => `http://127.0.0.1:${ports[name]}${path}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-outage-'));
    target = await startTarget(targetBody());
    const sdFile = join(dir, 'targets.json');
    await writeFile(sdFile, JSON.stringify([{ targets: [target.address], labels: { team: 'a' } }]));
    const config = join(dir, 'prometheus.yml');
    await writeFile(config, configYaml(target.address, sdFile));
    natsPort = await freePort();
    for (const name of NAMES) ports[name] = await freePort();
    common = (name: string) => [
      `--nats.url=nats://127.0.0.1:${natsPort}`,
      `--web.listen-address=127.0.0.1:${ports[name]}`,
    ];
    services.push(
      new Service('storage0', [
        'storage',
        ...common('storage0'),
        '--shard.index=0',
        `--storage.tsdb.path=${join(dir, 's0')}`,
      ]),
      new Service('storage1', [
        'storage',
        ...common('storage1'),
        '--shard.index=1',
        `--storage.tsdb.path=${join(dir, 's1')}`,
      ]),
      new Service('query', ['query', ...common('query'), '--shard.count=2']),
      new Service('scraper', ['scraper', ...common('scraper'), `--config.file=${config}`]),
      new Service('discovery', ['discovery', ...common('discovery'), `--config.file=${config}`]),
    );
  });

  afterAll(async () => {
    const codes = await Promise.all([...services].reverse().map((s) => s.stop()));
    await nats?.stop();
    await target.close();
    await rm(dir, { recursive: true, force: true });
    expect(codes).toEqual(codes.map(() => 0));
  });

  const dump = () => services.map((s) => `--- ${s.name}\n${s.tail()}`).join('\n');

  it('serves /metrics, reports the bus down and is not ready while NATS is unreachable', async () => {
    for (const name of NAMES) {
      const text = await waitFor(`${name} /metrics`, async () =>
        (await fetch(url(name, '/metrics'))).text(),
      );
      expect({ name, connected: /^promethium_bus_connected 0$/m.test(text) }).toEqual({
        name,
        connected: true,
      });
      expect({ name, ready: (await fetch(url(name, '/-/ready'))).status }).toEqual({
        name,
        ready: 503,
      });
    }
    expect(services[0]!.output.join('')).toMatch(/NATS/);
  });

  it('connects once NATS comes up and runs the whole pipeline', async () => {
    nats = await startNatsServer({ port: natsPort });
    try {
      await checkPipeline(url('query', ''), target.address);
      for (const name of NAMES) {
        await waitFor(`${name} ready`, async () =>
          (await fetch(url(name, '/-/ready'))).status === 200 ? true : undefined,
        );
      }
    } catch (err) {
      console.error(dump());
      throw err;
    }
  });

  it('keeps what was stored through a NATS restart and resumes ingesting', async () => {
    const before = Date.now() / 1000;
    await nats!.restart();
    const rangeQuery = async (start: number, end: number) => {
      const q = encodeURIComponent('e2e_requests_total{job="e2e",path="/p1"}');
      const { body } = await getJson(
        url('query', `/api/v1/query_range?query=${q}&start=${start}&end=${end}&step=1`),
      );
      return (
        (body as { data: { result: { values: [number, string][] }[] } }).data.result[0]?.values ??
        []
      );
    };
    try {
      const after = await waitFor('samples scraped after the restart', async () => {
        const now = Date.now() / 1000;
        const values = await rangeQuery(before + 2, now);
        return values.length > 0 ? values : undefined;
      });
      expect(after.every(([, v]) => v === '10')).toBe(true);
      const earlier = await rangeQuery(before - 3, before);
      expect(earlier.length).toBeGreaterThan(0);
    } catch (err) {
      console.error(dump());
      throw err;
    }
  });

  it('loses nothing while a storage shard is down: its stream holds the batches until it is back', async () => {
    const crashed = Date.now() / 1000;
    await services[0]!.kill();
    await new Promise((r) => setTimeout(r, 3000));
    const restarted = Date.now() / 1000;
    services[0] = new Service('storage0', storage0Args());
    try {
      const series = await waitFor(
        'every series to have samples from the outage window',
        async () => {
          const { status, body } = await getJson(
            url(
              'query',
              `/api/v1/query_range?query=${encodeURIComponent('e2e_requests_total{job="e2e"}')}&start=${crashed + 0.5}&end=${restarted - 0.5}&step=1`,
            ),
          );
          if (status !== 200) return undefined;
          const result = (body as { data: { result: { values: unknown[] }[] } }).data.result;
          return result.length === 20 && result.every((s) => s.values.length > 0)
            ? result
            : undefined;
        },
      );
      expect(series).toHaveLength(20);
    } catch (err) {
      console.error(dump());
      throw err;
    }
  });
});
