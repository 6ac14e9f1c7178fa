// Runs `promethium all` (one process, every service) against the shared targets, and reads
// its own /metrics the way a Prometheus scraping it would.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parsePrometheusText } from '@promethium/exposition';
import { httpGet, httpGetText, waitUntil } from './http.mjs';
import { freePort } from './ports.mjs';
import { Child, makeTempDir, removeTempDir } from './resources.mjs';

const CLI = fileURLToPath(new URL('../../services/cli/dist/main.js', import.meta.url));

/** A prometheus.yml scraping `addresses` every `interval` under `job`; none when empty. */
export function scrapeConfig(addresses, interval, job = 'bench') {
  if (addresses.length === 0) return 'scrape_configs: []\n';
  const targets = addresses.map((a) => `'${a}'`).join(', ');
  return [
    'global:',
    `  scrape_interval: ${interval}`,
    `  scrape_timeout: ${interval}`,
    'scrape_configs:',
    `  - job_name: ${job}`,
    '    static_configs:',
    `      - targets: [${targets}]`,
    '',
  ].join('\n');
}

/**
 * Starts `promethium <args>` (one service of a cluster on `natsUrl`) on a free loopback port
 * and waits for /-/ready. The caller stops the returned child.
 */
export async function startClusterService(name, natsUrl, args) {
  const port = await freePort();
  const child = new Child(name, [
    CLI,
    ...args,
    `--nats.url=${natsUrl}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  const ready = async () => (await httpGet(`${url}/-/ready`, { timeoutMs: 2000 })).status === 200;
  await waitUntil(`${name} to be ready`, ready, { child, timeoutMs: 60_000 });
  return { child, url };
}

/**
 * Starts `promethium all` on a free loopback port with a temporary data directory (or
 * `dataDir`, which stays the caller's), scraping `addresses` every `interval`, with
 * `extraArgs` appended, and waits for /-/ready. The caller calls stop().
 */
export async function startPromethium({ addresses, interval, dataDir, extraArgs = [] }) {
  const dir = makeTempDir('all');
  writeFileSync(join(dir, 'prometheus.yml'), scrapeConfig(addresses, interval));
  const port = await freePort();
  const child = new Child('promethium all', [
    CLI,
    'all',
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${dataDir ?? join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
    ...extraArgs,
  ]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      await child.stop();
    } finally {
      removeTempDir(dir);
    }
  };
  try {
    const ready = async () => (await httpGet(`${url}/-/ready`, { timeoutMs: 2000 })).status === 200;
    await waitUntil('promethium all to be ready', ready, { child, timeoutMs: 60_000 });
  } catch (err) {
    await stop();
    throw err;
  }
  return { child, url, stop };
}

/** Reads `url`/metrics; `at` is when the answer arrived (performance.now(), ms). */
export async function readOwnMetrics(url) {
  const text = await httpGetText(`${url}/metrics`);
  return { at: performance.now(), samples: parsePrometheusText(text).samples };
}

/**
 * The sum of metric `name` over its series that satisfy `where` (e.g. over shards), or
 * undefined when no series of it is present.
 */
export function sumOf(snapshot, name, where = () => true) {
  let sum;
  for (const s of snapshot.samples)
    if (s.name === name && where(s.labels)) sum = (sum ?? 0) + s.value;
  return sum;
}
