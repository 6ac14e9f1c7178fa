import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer } from '@promethium/bus/testing';
import type { NatsServerHandle } from '@promethium/bus/testing';
import { Service, freePort } from './harness.js';
import { configYaml, targetBody } from './scenario.js';
import { startTarget } from './target.js';
import type { TestTarget } from './target.js';

/** A cluster of one process per service over its own nats-server, scraping one test target. */
export interface Cluster {
  /** The query service's base URL, e.g. `http://127.0.0.1:4321`. */
  readonly api: string;
  readonly target: TestTarget;
  readonly services: readonly Service[];
  /** Stops every service, the target and nats-server, removes the temp dir; resolves with each service's exit code. */
  stop(): Promise<{ service: string; code: number | null }[]>;
}

/**
 * Starts nats-server, two storage shards, query (2 shards), scraper and discovery,
 * scraping a target that serves `targetBody()` under jobs `e2e` (static) and `files` (file_sd).
 */
export async function startCluster(): Promise<Cluster> {
  const dir = await mkdtemp(join(tmpdir(), 'promethium-e2e-'));
  const target = await startTarget(targetBody());
  const nats: NatsServerHandle = await startNatsServer();
  const sdFile = join(dir, 'targets.json');
  await writeFile(sdFile, JSON.stringify([{ targets: [target.address], labels: { team: 'a' } }]));
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, configYaml(target.address, sdFile));
  const ports: Record<string, number> = {};
  for (const name of ['discovery', 'scraper', 'storage0', 'storage1', 'query'])
    ports[name] = await freePort();
  const common = (name: string) => [
    `--nats.url=${nats.url}`,
    `--web.listen-address=127.0.0.1:${ports[name]}`,
  ];
  const shard = (n: number) => [
    'storage',
    ...common(`storage${n}`),
    `--shard.index=${n}`,
    `--storage.tsdb.path=${join(dir, `shard-${n}`)}`,
  ];
  const services = [
    new Service('storage0', shard(0)),
    new Service('storage1', shard(1)),
    new Service('query', ['query', ...common('query'), '--shard.count=2']),
    new Service('scraper', [
      'scraper',
      ...common('scraper'),
      `--config.file=${config}`,
      '--shard.count=2',
    ]),
    new Service('discovery', ['discovery', ...common('discovery'), `--config.file=${config}`]),
  ];
  const stop = async () => {
    const stopping = [...services].reverse();
    const codes = await Promise.all(stopping.map((s) => s.stop()));
    await target.close();
    await nats.stop();
    await rm(dir, { recursive: true, force: true });
    return codes.map((code, i) => ({ service: stopping[i]!.name, code }));
  };
  return { api: `http://127.0.0.1:${ports.query}`, target, services, stop };
}
