// Benchmark: what one `promethium scraper` process sustains. Per step, a fresh pipeline
// (its own nats-server, two `promethium storage` shards, discovery, one scraper) scrapes
// the shared load (`targets.mjs serve --shared 1`: one body rendered per second for every
// target, so the exporter stays cheap) of TARGETS targets every second, and is measured
// from the processes' own /metrics over a 30 s window after warm-up.
// The machine has 2 cores and the load generator, nats-server and the shards share them
// with the scraper: past about one core for the scraper, the figures measure contention
// as much as the scraper, which is why CPU-s per 1M samples is the figure to compare.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startNatsServer } from '@promethium/bus/testing';
import { resourceBaseline } from './harness/baseline.mjs';
import { waitUntil } from './harness/http.mjs';
import { readOwnMetrics, scrapeConfig, startClusterService, sumOf } from './harness/promethium.mjs';
import { comment, figure, formatValue, progress } from './harness/report.mjs';
import { makeTempDir, removeTempDir } from './harness/resources.mjs';
import { serveTargets } from './harness/shared-load.mjs';

const TARGETS = 100;
/** Series per target; each is a row of the shared README's Prometheus table. */
const STEPS = [1000, 2000, 6000];
const INTERVAL_SECONDS = 1;
const SHARDS = 2;
const WARMUP_MS = 10_000;
const WINDOW_MS = 30_000;
// Linux reports /proc/<pid>/stat times in USER_HZ ticks, 100 per second on every
// architecture Node supports.
const TICKS_PER_SECOND = 100;

function writeConfig(dir, addresses) {
  const path = join(dir, 'prometheus.yml');
  writeFileSync(path, scrapeConfig(addresses, `${INTERVAL_SECONDS}s`, 'capacity'));
  return path;
}

/**
 * nats-server's CPU seconds so far, from /proc: the test helper names its ports file
 * after the server's pid. Undefined when that cannot be read (not Linux, say).
 */
function natsCpuSeconds(nats) {
  try {
    const ports = readdirSync(nats.dir).find((f) => /^nats-server_\d+\.ports$/.test(f));
    const pid = /_(\d+)\./.exec(ports)[1];
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The scraper's and the shards' /metrics and nats-server's CPU, read together. */
async function snapshot(pipeline) {
  const [scraper, ...shards] = await Promise.all(
    [pipeline.scraper, ...pipeline.shards].map((s) => readOwnMetrics(s.url)),
  );
  return { at: scraper.at, scraper, shards, natsCpu: natsCpuSeconds(pipeline.nats) };
}

function figuresOf(snap) {
  const shardSum = (name) => snap.shards.reduce((a, s) => a + (sumOf(s, name) ?? 0), 0);
  const scraper = (name, where) => sumOf(snap.scraper, name, where) ?? 0;
  return {
    appended: shardSum('prometheus_tsdb_head_samples_appended_total'),
    shardsCpu: shardSum('process_cpu_seconds_total'),
    scraperCpu: scraper('process_cpu_seconds_total'),
    scraperRss: scraper('process_resident_memory_bytes'),
    scrapes: scraper('promethium_scrapes_total'),
    succeeded: scraper('promethium_scrapes_total', (l) => l.get('result') === 'success'),
    dropped: scraper('promethium_storage_write_samples_dropped_total'),
    scrapeSeconds: scraper('promethium_scrape_duration_seconds_sum'),
    natsCpu: snap.natsCpu,
  };
}

/** Starts nats-server, the shards, discovery and the scraper for `addresses`. */
async function startPipeline(dir, addresses) {
  const nats = await startNatsServer();
  const pipeline = { nats, children: [], shards: [] };
  const start = async (name, args) => {
    const service = await startClusterService(name, nats.url, args);
    pipeline.children.push(service.child);
    return service;
  };
  try {
    const config = writeConfig(dir, addresses);
    for (let i = 0; i < SHARDS; i++) {
      const path = `--storage.tsdb.path=${join(dir, `shard-${i}`)}`;
      pipeline.shards.push(
        await start(`promethium storage ${i}`, ['storage', `--shard.index=${i}`, path]),
      );
    }
    await start('promethium discovery', ['discovery', `--config.file=${config}`]);
    pipeline.scraper = await start('promethium scraper', [
      'scraper',
      `--config.file=${config}`,
      `--shard.count=${SHARDS}`,
    ]);
    return pipeline;
  } catch (err) {
    await stopPipeline(pipeline);
    throw err;
  }
}

async function stopPipeline(pipeline) {
  await Promise.all([...pipeline.children].reverse().map((c) => c.stop()));
  await pipeline.nats.stop();
}

/** Waits until the shards hold a whole round of every target's series, then WARMUP_MS more. */
async function warmUp(pipeline, series) {
  const round = TARGETS * series;
  const stored = async () => figuresOf(await snapshot(pipeline)).appended >= round;
  await waitUntil(`the first ${round} samples to be stored`, stored, {
    child: pipeline.scraper.child,
    timeoutMs: 120_000,
  });
  await sleep(WARMUP_MS);
}

function printBaseline(series, pipelinePer1M) {
  const load = `${TARGETS} × ${series.toLocaleString('en-US')}`;
  const b = resourceBaseline(load);
  if (!b?.cpuSecondsPer1M) {
    comment(`prometheus: no "${load}" row in the shared README`);
    return;
  }
  comment(
    `prometheus 2.42 at ${load} (shared README): ${formatValue(b.cpuSecondsPer1M)} CPU-s per 1M samples (scrape and TSDB in one process); ratio promethium pipeline/prometheus ${formatValue(pipelinePer1M / b.cpuSecondsPer1M)}×`,
  );
}

/** Runs one step: a fresh pipeline scraping TARGETS × `series`, measured over WINDOW_MS. */
async function measureStep(series) {
  const load = await serveTargets({ targets: TARGETS, series, shared: true });
  const dir = makeTempDir('scrape-capacity');
  let pipeline;
  try {
    pipeline = await startPipeline(dir, load.addresses);
    progress(`${TARGETS} × ${series}: warming up`);
    await warmUp(pipeline, series);
    progress(`${TARGETS} × ${series}: measuring for ${WINDOW_MS / 1000} s`);
    const first = await snapshot(pipeline);
    await sleep(WINDOW_MS);
    const last = await snapshot(pipeline);
    report(series, (last.at - first.at) / 1000, figuresOf(first), figuresOf(last));
  } finally {
    if (pipeline) await stopPipeline(pipeline);
    await load.child.stop();
    removeTempDir(dir);
  }
}

function report(series, seconds, before, after) {
  const delta = (name) => after[name] - before[name];
  const samples = delta('appended');
  if (!(samples > 0)) throw new Error(`no samples appended in ${seconds.toFixed(1)} s`);
  const expected = (TARGETS * seconds) / INTERVAL_SECONDS;
  const scrapes = delta('scrapes');
  const per1M = (cpu) => (cpu / samples) * 1e6;
  const name = (what) => `scrape_capacity_${series}_${what}`;
  comment(
    `scrape-capacity ${TARGETS} × ${series} @${INTERVAL_SECONDS}s: ${TARGETS * series} samples/s offered; ${seconds.toFixed(1)} s window: ${scrapes} scrapes of ${Math.round(expected)} due, ${scrapes - delta('succeeded')} failed, mean scrape ${formatValue((delta('scrapeSeconds') / scrapes) * 1000)} ms, ${delta('dropped')} samples dropped by the scraper`,
  );
  figure(name('samples_appended_per_sec'), samples / seconds, 'samples/s');
  figure(name('scrapes_missed_ratio'), Math.max(0, 1 - delta('succeeded') / expected), 'ratio');
  figure(name('scraper_cores_used'), delta('scraperCpu') / seconds, 'cores');
  figure(name('scraper_cpu_seconds_per_1m_samples'), per1M(delta('scraperCpu')), 's');
  const pipelineCpu = delta('scraperCpu') + delta('shardsCpu');
  figure(name('pipeline_cpu_seconds_per_1m_samples'), per1M(pipelineCpu), 's');
  if (after.natsCpu !== undefined && before.natsCpu !== undefined)
    figure(name('nats_cpu_seconds_per_1m_samples'), per1M(delta('natsCpu')), 's');
  figure(name('scraper_rss_mib'), after.scraperRss / 2 ** 20, 'MiB');
  printBaseline(series, per1M(pipelineCpu));
}

/** Samples/s stored, missed scrapes and CPU per 1M samples of one scraper at growing loads. */
export const scrapeCapacityBenchmark = {
  name: 'scrape-capacity',
  uses: [],
  async run() {
    comment(
      `scrape-capacity: per 1M samples appended by the shards; pipeline = scraper + ${SHARDS} shards (nats-server apart); 2 cores shared with the load generator`,
    );
    for (const series of STEPS) await measureStep(series);
  },
};
