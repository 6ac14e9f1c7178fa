// Benchmark 6: PromQL engine throughput on in-memory data, with no storage or HTTP in the
// way: 10,000 counters × 24 h at 15 s (57.6 M samples) and `sum by (job) (rate(m[5m]))` as
// a range query over the whole day at a 60 s step. It runs in a child process of its own
// (this file with --child) so the peak RSS is the query's alone and the heap may grow
// past Node's default limit.
// @promethium/promql is imported from its dist by path: bench/package.json does not list
// it, and adding it needs a `pnpm install`.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Labels, compareLabels, matchesAll } from '@promethium/model';
import { Engine } from '@promethium/promql';
import { comment, figure } from './harness/report.mjs';
import { Child } from './harness/resources.mjs';

const SERIES = 10_000;
const JOBS = 10;
const INTERVAL_MS = 15_000;
const DAY_MS = 24 * 3600_000;
const STEP_MS = 60_000;
const QUERY = 'sum by (job) (rate(m[5m]))';
const T0 = Date.UTC(2025, 0, 1);
const HEAP_MIB = 8192;

/**
 * A Queryable over counters kept as one Float64Array of values per series (all series
 * share one time grid), ~460 MB for the whole day where {t, v} objects would take
 * several GB; samples become objects only as a select hands them to the engine.
 * `read` counts the samples handed out.
 */
class ArrayStore {
  read = 0;

  constructor(series, samples) {
    this.samples = samples;
    this.series = Array.from({ length: series }, (_, i) => ({
      labels: Labels.fromRecord({
        __name__: 'm',
        job: `job-${i % JOBS}`,
        instance: `host-${i}:9100`,
      }),
      values: counterValues(i, samples),
    })).sort((a, b) => compareLabels(a.labels, b.labels));
  }

  querier(mint, maxt) {
    const first = Math.max(0, Math.ceil((mint - T0) / INTERVAL_MS));
    const end = Math.min(this.samples, Math.floor((maxt - T0) / INTERVAL_MS) + 1);
    return { select: (matchers) => this.#select(matchers, first, end) };
  }

  async *#select(matchers, first, end) {
    if (end <= first) return;
    for (const { labels, values } of this.series) {
      if (!matchesAll(matchers, labels)) continue;
      const samples = new Array(end - first);
      for (let j = first; j < end; j++)
        samples[j - first] = { t: T0 + j * INTERVAL_MS, v: values[j] };
      this.read += samples.length;
      yield { labels, samples };
    }
  }
}

/** A counter rising by 1–10 per scrape (by series), reset to 0 once, at a series-dependent time. */
function counterValues(i, samples) {
  const values = new Float64Array(samples);
  const inc = 1 + (i % 10);
  const reset = (i * 7919) % samples;
  for (let j = 0, v = 0; j < samples; j++) values[j] = v = j === reset ? 0 : v + inc;
  return values;
}

/** The child: builds the data, runs the query once and prints its figures as one JSON line. */
async function child(hours) {
  const samples = (hours * 3600_000) / INTERVAL_MS;
  const store = new ArrayStore(SERIES, samples);
  // The engine holds every sample of the range at once, so the default limit (50 M) would
  // refuse the whole day; Prometheus counts only the samples of the step being evaluated.
  const engine = new Engine({ maxSamples: 200_000_000, timeoutMs: 600_000 });
  const end = T0 + hours * 3600_000;
  const t0 = performance.now();
  const result = await engine.rangeQuery(store, QUERY, T0, end, STEP_MS);
  const ms = performance.now() - t0;
  if (result.kind !== 'matrix' || result.series.length !== JOBS)
    throw new Error(
      `expected ${JOBS} series, got ${result.kind} ${JSON.stringify(result).slice(0, 200)}`,
    );
  const points = result.series.reduce((n, s) => n + s.samples.length, 0);
  const peakRssMib = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ samples, read: store.read, ms, points, peakRssMib })}\n`,
  );
}

/** Runs the child and prints samples/s, query time and peak RSS. */
export const engineBenchmark = {
  name: 'engine',
  uses: [],
  async run() {
    const hours = DAY_MS / 3600_000;
    const args = [
      `--max-old-space-size=${HEAP_MIB}`,
      fileURLToPath(import.meta.url),
      '--child',
      String(hours),
    ];
    const proc = new Child('engine', args);
    const code = await proc.waitExit();
    const line = proc
      .tail(50)
      .split('\n')
      .findLast((l) => l.startsWith('{'));
    if (code !== 0 || !line) throw new Error(`engine child exited with ${code}:\n${proc.tail()}`);
    const r = JSON.parse(line);
    comment(
      `engine: ${SERIES} series × ${r.samples} samples at 15s (${hours}h), Float64Array-backed in-memory Queryable`,
    );
    comment(`engine: ${QUERY} over ${hours}h step 60s, ${r.points} output points, one run`);
    figure('engine_range_samples_per_sec', (r.read / r.ms) * 1000, 'samples/s');
    figure('engine_range_query_ms', r.ms, 'ms');
    figure('engine_peak_rss_mib', r.peakRssMib, 'MiB');
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--child') {
  await child(Number(process.argv[3]));
}
