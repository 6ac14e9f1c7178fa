import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer } from '@promethium/bus/testing';
import type { NatsServerHandle } from '@promethium/bus/testing';
import { Service, freePort } from './harness.js';

/** Scrape targets that remember when each of them was scraped. */
export interface CountingTargets {
  readonly addresses: readonly string[];
  /** When the target at `address` was scraped (Date.now() ms), oldest first. */
  hits(address: string): readonly number[];
  close(): Promise<void>;
}

/** Starts `count` targets on 127.0.0.1, one port each, serving one gauge. */
export async function startCountingTargets(count: number): Promise<CountingTargets> {
  const servers: Server[] = [];
  const hits = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const seen: number[] = [];
    const server = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      seen.push(Date.now());
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`replica_test 1\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    hits.set(`127.0.0.1:${(server.address() as { port: number }).port}`, seen);
  }
  return {
    addresses: [...hits.keys()],
    hits: (address) => hits.get(address) ?? [],
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/** One `promethium scraper` replica and where its /metrics is. */
export interface Replica {
  readonly service: Service;
  readonly url: string;
}

/** nats-server, one storage shard, query, discovery and any number of scraper replicas. */
export interface ReplicaCluster {
  /** The query service's base URL. */
  readonly api: string;
  readonly scrapers: readonly Replica[];
  /** Starts one more scraper replica. */
  addScraper(): Promise<Replica>;
  /** What the replica's `promethium_scraper_owned_targets` says, undefined until it answers. */
  ownedTargets(replica: Replica): Promise<number | undefined>;
  /** Stops every process and nats-server and removes the temp dir. */
  stop(): Promise<void>;
}

/** Starts the cluster with `scrapers` replicas scraping `targets` under job `replicas` every 1 s. */
export async function startReplicaCluster(opts: {
  scrapers: number;
  targets: readonly string[];
}): Promise<ReplicaCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'promethium-replicas-'));
  const nats: NatsServerHandle = await startNatsServer();
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, scrapeConfig(opts.targets));
  const services: Service[] = [];
  const scrapers: Replica[] = [];
  const start = async (name: string, args: string[]) => {
    const port = await freePort();
    const service = new Service(name, [
      ...args,
      `--nats.url=${nats.url}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    services.push(service);
    return { service, url: `http://127.0.0.1:${port}` };
  };
  await start('storage', [
    'storage',
    '--shard.index=0',
    `--storage.tsdb.path=${join(dir, 'shard')}`,
  ]);
  const query = await start('query', ['query', '--shard.count=1']);
  await start('discovery', ['discovery', `--config.file=${config}`]);
  const addScraper = async () => {
    const name = `scraper${scrapers.length}`;
    const replica = await start(name, ['scraper', `--config.file=${config}`, '--shard.count=1']);
    scrapers.push(replica);
    return replica;
  };
  for (let i = 0; i < opts.scrapers; i++) await addScraper();
  return {
    api: query.url,
    scrapers,
    addScraper,
    async ownedTargets(replica) {
      try {
        const text = await (await fetch(`${replica.url}/metrics`)).text();
        const value = /^promethium_scraper_owned_targets (\S+)$/m.exec(text)?.[1];
        return value === undefined ? undefined : Number(value);
      } catch {
        return undefined;
      }
    },
    async stop() {
      await Promise.all([...services].reverse().map((s) => s.stop()));
      await nats.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function scrapeConfig(targets: readonly string[]): string {
  return [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    'scrape_configs:',
    '  - job_name: replicas',
    '    static_configs:',
    `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
    '',
  ].join('\n');
}
