// Benchmark 4: one `promethium all` process scraping the shared targets, measured from
// its own /metrics over a fixed window, next to Prometheus's figures for comparison.
import { setTimeout as sleep } from 'node:timers/promises';
import { resourceBaseline } from './harness/baseline.mjs';
import { readOwnMetrics, sumOf } from './harness/promethium.mjs';
import { comment, figure, formatValue, progress } from './harness/report.mjs';

const WINDOW_MS = 30_000;
/** The smallest load of the README's table; this benchmark's load is a tenth of it. */
const BASELINE_LOAD = '100 × 1,000';

function snapshotFigures(snapshot) {
  const failed = (labels) => labels.get('result') !== 'success';
  return {
    appended: sumOf(snapshot, 'prometheus_tsdb_head_samples_appended_total'),
    cpu: sumOf(snapshot, 'process_cpu_seconds_total'),
    rss: sumOf(snapshot, 'process_resident_memory_bytes'),
    series: sumOf(snapshot, 'prometheus_tsdb_head_series'),
    heapUsed: sumOf(snapshot, 'nodejs_heap_size_used_bytes'),
    external: sumOf(snapshot, 'nodejs_external_memory_bytes'),
    scrapes: sumOf(snapshot, 'promethium_scrapes_total'),
    failedScrapes: sumOf(snapshot, 'promethium_scrapes_total', failed) ?? 0,
  };
}

function required(figures, names) {
  for (const n of names)
    if (figures[n] === undefined) throw new Error(`/metrics lacks the ${n} figure`);
}

function printBaseline(cpuPer1M, rssPerSeries) {
  const b = resourceBaseline(BASELINE_LOAD);
  if (!b) {
    comment(`prometheus baseline row "${BASELINE_LOAD}" not found in the shared README`);
    return;
  }
  comment(`prometheus 2.42 (shared README; its smallest load is ${BASELINE_LOAD}, 10× this one):`);
  comment(b.header);
  comment(b.row);
  if (b.cpuSecondsPer1M) {
    comment(
      `ratio promethium/prometheus, CPU-s per 1M samples: ${formatValue(cpuPer1M / b.cpuSecondsPer1M)}×`,
    );
  }
  if (b.rssBytesPerSeries) {
    comment(
      `ratio promethium/prometheus, RSS per series: ${formatValue(rssPerSeries / b.rssBytesPerSeries)}×`,
    );
  }
}

/** Samples appended/s, CPU-s per 1M samples, RSS and RSS per series over a 30 s window. */
export const e2eBenchmark = {
  name: 'e2e',
  uses: ['loaded-promethium'],
  async run({ fixture }) {
    const { url, load } = await fixture('loaded-promethium');
    const beforeSnapshot = await readOwnMetrics(url);
    const before = snapshotFigures(beforeSnapshot);
    progress(`measuring promethium all for ${WINDOW_MS / 1000} s`);
    await sleep(WINDOW_MS);
    const afterSnapshot = await readOwnMetrics(url);
    const after = snapshotFigures(afterSnapshot);
    required(before, ['appended', 'cpu']);
    required(after, ['appended', 'cpu', 'rss', 'series', 'scrapes']);
    const seconds = (afterSnapshot.at - beforeSnapshot.at) / 1000;
    const samples = after.appended - before.appended;
    const cpu = after.cpu - before.cpu;
    if (!(samples > 0)) throw new Error(`no samples appended in ${seconds.toFixed(1)} s`);
    const expected = (load.targets * load.series) / load.intervalSeconds;
    comment(
      `e2e: ${load.targets} targets × ${load.series} series every ${load.intervalSeconds}s (${expected} samples/s offered, plus 3 synthetic series per target), ${seconds.toFixed(1)} s window after warm-up`,
    );
    comment(
      `e2e: ${after.scrapes - before.scrapes} scrapes in the window, ${after.failedScrapes - before.failedScrapes} failed`,
    );
    figure('e2e_samples_appended_per_sec', samples / seconds, 'samples/s');
    figure('e2e_cores_used', cpu / seconds, 'cores');
    figure('e2e_cpu_seconds_per_1m_samples', (cpu / samples) * 1e6, 's');
    figure('e2e_rss_mib', after.rss / 2 ** 20, 'MiB');
    figure('e2e_rss_per_series', after.rss / after.series, 'bytes');
    const mib = (bytes) => (bytes === undefined ? '?' : formatValue(bytes / 2 ** 20));
    comment(
      `e2e: ${after.series} series in storage; RSS ${mib(before.rss)} -> ${mib(after.rss)} MiB over the window, V8 heap used ${mib(after.heapUsed)} MiB, external ${mib(after.external)} MiB`,
    );
    printBaseline((cpu / samples) * 1e6, after.rss / after.series);
  },
};
