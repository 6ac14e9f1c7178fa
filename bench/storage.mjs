// Benchmark 3: the SQLite series store (libs/tsdb) on 1,000 series × 720 samples at 15 s
// of the shared load (targets.mjs openmetrics), appended one scrape-sized batch at a time.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePrometheusText } from '@promethium/exposition';
import { Matcher } from '@promethium/model';
import { DB_FILE, openSqliteStore } from '@promethium/tsdb';
import { diskBaseline } from './harness/baseline.mjs';
import { comment, figure, progress } from './harness/report.mjs';
import { makeTempDir, removeTempDir } from './harness/resources.mjs';
import { streamOpenMetrics } from './harness/shared-load.mjs';
import { medianMs } from './harness/timing.mjs';

const SERIES = 1000;
const SAMPLES = 720;
const STEP_S = 15;
const FIVE_MINUTES_MS = 5 * 60_000;

/**
 * Reads the shared load's OpenMetrics backfill (one series at a time, timestamps in
 * seconds) into batches of one sample per series per timestamp: one batch = one scrape.
 */
async function loadBatches() {
  const series = new Map();
  await streamOpenMetrics({ series: SERIES, samples: SAMPLES, step: STEP_S }, (line) => {
    const valueEnd = line.lastIndexOf(' ');
    const seriesEnd = line.lastIndexOf(' ', valueEnd - 1);
    const text = line.slice(0, seriesEnd);
    let s = series.get(text);
    if (!s)
      series.set(
        text,
        (s = { labels: parsePrometheusText(`${text} 0\n`).samples[0].labels, points: [] }),
      );
    s.points.push({
      t: Number(line.slice(valueEnd + 1)) * 1000,
      v: Number(line.slice(seriesEnd + 1, valueEnd)),
    });
  });
  const all = [...series.values()];
  if (all.length !== SERIES || all.some((s) => s.points.length !== SAMPLES)) {
    throw new Error(`expected ${SERIES} series × ${SAMPLES} samples from targets.mjs openmetrics`);
  }
  return Array.from({ length: SAMPLES }, (_, j) =>
    all.map(({ labels, points }) => ({ labels, t: points[j].t, v: points[j].v })),
  );
}

async function drain(querier, matchers) {
  let samples = 0;
  for await (const s of querier.select(matchers)) samples += s.samples.length;
  return samples;
}

/** Median select latency of 20 (after 2 warm-ups); checks the expected sample count. */
async function selectMs(store, mint, maxt, matchers, expected) {
  let got = 0;
  const { ms } = await medianMs(
    async () => {
      got = await drain(store.querier(mint, maxt), matchers);
    },
    { warmup: 2, runs: 20 },
  );
  if (got !== expected) throw new Error(`select returned ${got} samples, expected ${expected}`);
  return ms;
}

async function measureSelects(store, batches) {
  const first = batches[0][0];
  const oneSeries = [...first.labels].map(([n, v]) => new Matcher('=', n, v));
  const oneMs = await selectMs(store, 0, Number.MAX_SAFE_INTEGER, oneSeries, SAMPLES);
  figure('storage_select_one_series_all_time_ms', oneMs, 'ms');
  const last = batches[SAMPLES - 1][0].t;
  const perSeries = FIVE_MINUTES_MS / (STEP_S * 1000) + 1;
  const job = [new Matcher('=', 'job', first.labels.get('job'))];
  const allMs = await selectMs(store, last - FIVE_MINUTES_MS, last, job, SERIES * perSeries);
  figure('storage_select_all_series_5m_ms', allMs, 'ms');
}

function diskBytes(dir) {
  const files = [DB_FILE, `${DB_FILE}-wal`].map((f) => join(dir, f)).filter((f) => existsSync(f));
  return files.reduce((n, f) => n + statSync(f).size, 0);
}

/** Append samples/s, on-disk bytes/sample after close, and two select latencies. */
export const storageBenchmark = {
  name: 'storage',
  uses: [],
  async run() {
    progress(`generating ${SERIES} series × ${SAMPLES} samples with targets.mjs openmetrics`);
    const batches = await loadBatches();
    const dir = makeTempDir('tsdb');
    try {
      const store = await openSqliteStore({ path: dir });
      try {
        const t0 = performance.now();
        for (const batch of batches) await store.appendBatch(batch);
        const appendMs = performance.now() - t0;
        comment(
          `storage: ${SERIES} series × ${SAMPLES} samples at ${STEP_S}s, batches of ${SERIES}`,
        );
        figure(
          'storage_append_samples_per_sec',
          ((SERIES * SAMPLES) / appendMs) * 1000,
          'samples/s',
        );
        await measureSelects(store, batches);
      } finally {
        await store.close();
      }
      figure('storage_disk_bytes_per_sample', diskBytes(dir) / (SERIES * SAMPLES), 'bytes');
      const baseline = diskBaseline();
      if (baseline) {
        comment(
          `prometheus (shared README, 10× this data): ${baseline.chunks} bytes/sample in chunks, ${baseline.withIndex} with the index`,
        );
      }
    } finally {
      removeTempDir(dir);
    }
  },
};
