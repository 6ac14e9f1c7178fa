// Benchmark 8: the head's inverted index (libs/tsdb MemPostings, postingsForMatchers) over
// the 100,000 series of the shared load (targets.mjs openmetrics: 100 targets × 1,000
// series, job and instance added as a scrape would). It runs in a child process of its
// own (this file with --child), started with --expose-gc so the heap the index takes can
// be measured between full collections.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parsePrometheusText } from '@promethium/exposition';
import { Matcher, matchesAll } from '@promethium/model';
import { MemPostings, postingsForMatchers } from '@promethium/tsdb';
import { comment, figure, median, progress } from './harness/report.mjs';
import { Child } from './harness/resources.mjs';
import { streamOpenMetrics } from './harness/shared-load.mjs';

const TARGETS = 100;
const SERIES_PER_TARGET = 1000;
const SERIES = TARGETS * SERIES_PER_TARGET;
const BUILDS = 5;
const RUNS = 50;
/** A query is repeated until one timed sample takes this long, so microseconds are resolved. */
const SAMPLE_MS = 2;

/** The label sets of the shared load, one per series, parsed from its OpenMetrics backfill. */
async function loadSeries() {
  const lines = [];
  await streamOpenMetrics(
    { targets: TARGETS, series: SERIES_PER_TARGET, samples: 1, step: 15 },
    (line) => {
      const valueEnd = line.lastIndexOf(' ');
      const seriesEnd = line.lastIndexOf(' ', valueEnd - 1);
      lines.push(`${line.slice(0, seriesEnd)} 0`);
    },
  );
  const series = parsePrometheusText(`${lines.join('\n')}\n`).samples.map((s) => s.labels);
  if (series.length !== SERIES) {
    throw new Error(`expected ${SERIES} series from targets.mjs openmetrics, got ${series.length}`);
  }
  return series;
}

function build(series) {
  const index = new MemPostings();
  series.forEach((labels, ref) => index.add(ref, labels));
  return index;
}

/** Heap in use after full collections, with the event loop turned so finalizers run. */
async function heapBytes() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  // Large typed arrays live outside the V8 heap.
  return heapUsed + arrayBuffers;
}

/** Median µs per call of `fn`, each sample repeating it for at least SAMPLE_MS. */
function medianUs(fn) {
  let reps = 1;
  for (let t0 = performance.now(); performance.now() - t0 < SAMPLE_MS; reps++) fn();
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / reps);
  }
  return median(samples);
}

/** The queries, each checked against a scan of every series before it is timed. */
function queries(series) {
  const first = series[0];
  return [
    ['postings_one_series_us', [...first].map(([n, v]) => new Matcher('=', n, v))],
    ['postings_1000_series_us', [new Matcher('=', 'instance', first.get('instance'))]],
    [
      'postings_regex_100k_us',
      [new Matcher('=~', '__name__', 'bench_.*'), new Matcher('=~', 'status', '5..')],
    ],
    ['postings_alternation_us', [new Matcher('=~', 'status', '200|404|500')]],
  ].map(([name, matchers]) => ({
    name,
    matchers,
    expected: series.filter((labels) => matchesAll(matchers, labels)).length,
  }));
}

/** The child: loads the series, builds and queries the index, prints one JSON line. */
async function child() {
  const series = await loadSeries();
  const before = await heapBytes();
  let index = build(series);
  const bytesPerSeries = ((await heapBytes()) - before) / SERIES;
  const buildMs = [];
  for (let i = 0; i < BUILDS; i++) {
    index = undefined;
    globalThis.gc();
    const t0 = performance.now();
    index = build(series);
    buildMs.push(performance.now() - t0);
  }
  const results = {};
  for (const { name, matchers, expected } of queries(series)) {
    const got = postingsForMatchers(index, matchers).length;
    if (got !== expected) throw new Error(`${name}: ${got} series, a scan finds ${expected}`);
    results[name] = { us: medianUs(() => postingsForMatchers(index, matchers)), series: got };
  }
  const addPerSec = (SERIES / median(buildMs)) * 1000;
  process.stdout.write(`${JSON.stringify({ bytesPerSeries, addPerSec, results })}\n`);
}

/** Runs the child and prints the query latencies, the add rate and the index's heap. */
export const postingsBenchmark = {
  name: 'postings',
  uses: [],
  async run() {
    progress(`postings: ${SERIES} series from targets.mjs openmetrics, in a child process`);
    const proc = new Child('postings', ['--expose-gc', fileURLToPath(import.meta.url), '--child']);
    const code = await proc.waitExit();
    const line = proc
      .tail(50)
      .split('\n')
      .findLast((l) => l.startsWith('{'));
    if (code !== 0 || !line) throw new Error(`postings child exited with ${code}:\n${proc.tail()}`);
    const r = JSON.parse(line);
    comment(
      `postings: MemPostings over ${SERIES} series (${TARGETS} targets × ${SERIES_PER_TARGET})`,
    );
    for (const [name, { us, series }] of Object.entries(r.results)) {
      comment(`${name}: ${series} series selected, median of ${RUNS}`);
      figure(name, us, 'us');
    }
    figure('postings_add_series_per_sec', r.addPerSec, 'series/s');
    figure('postings_memory_bytes_per_series', r.bytesPerSeries, 'bytes');
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--child') {
  await child();
}
