// Benchmark: ingest end to end through NATS into one storage shard process
// (`promethium storage`): the shared load's scrapes (one batch per target per timestamp,
// encoded as the scraper encodes them) published durably to JetStream from this process,
// 32 publishes in flight, until the shard's /metrics counts every sample appended.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  connectNatsBus,
  encodeSampleBatches,
  subjects,
} from '@promethium/bus';
import { startNatsServer } from '@promethium/bus/testing';
import { httpGet, waitUntil } from './harness/http.mjs';
import { readOwnMetrics, sumOf } from './harness/promethium.mjs';
import { freePort } from './harness/ports.mjs';
import { comment, figure, progress } from './harness/report.mjs';
import { Child, makeTempDir, removeTempDir } from './harness/resources.mjs';
import { STEP_MS, loadShared, scrapeBatches } from './tsdb.mjs';

const CLI = fileURLToPath(new URL('../services/cli/dist/main.js', import.meta.url));
const LOAD = { targets: 10, series: 1000, samples: 120 };
const IN_FLIGHT = 32;

/** Every scrape of every target as encoded bus messages, in time order. */
function encodeScrapes(data) {
  const batches = scrapeBatches(data);
  const messages = [];
  for (let j = 0; j < LOAD.samples; j++) {
    const t = data.start + j * STEP_MS;
    for (const { samples, values } of batches) {
      const scrape = samples.map((s, i) => ({ labels: s.labels, t, v: values[i][j] }));
      messages.push(...encodeSampleBatches(scrape, DEFAULT_MAX_MESSAGE_BYTES));
    }
  }
  return messages;
}

async function startShard(natsUrl, dir) {
  const port = await freePort();
  const child = new Child('promethium storage', [
    CLI,
    'storage',
    `--nats.url=${natsUrl}`,
    `--storage.tsdb.path=${dir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  const ready = async () => (await httpGet(`${url}/-/ready`, { timeoutMs: 2000 })).status === 200;
  await waitUntil('the storage shard to be ready', ready, { child, timeoutMs: 60_000 });
  return { child, url };
}

async function publishAll(bus, messages) {
  let next = 0;
  const worker = async () => {
    while (next < messages.length) await bus.publishDurable(subjects.write(0), messages[next++]);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

const appendedOf = (snapshot) => sumOf(snapshot, 'prometheus_tsdb_head_samples_appended_total');
const cpuOf = (snapshot) => sumOf(snapshot, 'process_cpu_seconds_total');

/** Samples/s from first publish to last append, publish rate, and the shard's CPU per 1M samples. */
export const natsIngestBenchmark = {
  name: 'nats-ingest',
  uses: [],
  async run() {
    progress(`generating ${LOAD.targets} × ${LOAD.series} series × ${LOAD.samples} samples`);
    const messages = encodeScrapes(await loadShared(LOAD));
    const total = LOAD.targets * LOAD.series * LOAD.samples;
    const nats = await startNatsServer();
    const dir = makeTempDir('nats-ingest');
    let shard;
    let bus;
    try {
      shard = await startShard(nats.url, dir);
      bus = await connectNatsBus({ servers: nats.url, log: () => {} });
      const before = await readOwnMetrics(shard.url);
      progress(`publishing ${messages.length} batches (${total} samples)`);
      const t0 = performance.now();
      await publishAll(bus, messages);
      const publishedMs = performance.now() - t0;
      let after = before;
      while (appendedOf(after) - appendedOf(before) < total) {
        if (shard.child.exited) throw new Error(`the shard exited:\n${shard.child.tail()}`);
        await sleep(20);
        after = await readOwnMetrics(shard.url);
      }
      const doneMs = after.at - t0;
      const cpu = cpuOf(after) - cpuOf(before);
      comment(
        `nats-ingest: ${total} samples in ${messages.length} durable batches (one per target scrape) into one \`promethium storage\` process`,
      );
      figure('nats_ingest_samples_per_sec', (total / doneMs) * 1000, 'samples/s');
      figure('nats_publish_samples_per_sec', (total / publishedMs) * 1000, 'samples/s');
      figure('nats_ingest_shard_cpu_seconds_per_1m_samples', (cpu / total) * 1e6, 'CPU-s');
    } finally {
      await bus?.close();
      await shard?.child.stop();
      await nats.stop();
      removeTempDir(dir);
    }
  },
};
