// Benchmark: the TSDB store (libs/tsdb openTsdb: head, write-ahead log, postings) on the
// shared load (targets.mjs openmetrics), appended one scrape at a time (one batch per
// target per timestamp, as the scraper delivers them).
//  - append rate, CPU and disk: 10 targets × 1,000 series × 720 samples at 15 s, in this
//    process, into one store, then checkpoint, retention pass (its incremental vacuum) and close;
//  - head memory, log replay and selects: 100 targets × 1,000 series × 240 samples (1 h),
//    in two child processes (this file with --child): the first appends, measures the heap
//    once every open chunk is full (120 samples, with --expose-gc), appends the rest and
//    kills itself without a checkpoint; the second times openTsdb replaying that log, then
//    checkpoints and times selects over the last hour.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parsePrometheusText } from '@promethium/exposition';
import { Matcher, matchesAll } from '@promethium/model';
import { TSDB_FILE, openTsdb } from '@promethium/tsdb';
import { diskBaseline, resourceBaseline } from './harness/baseline.mjs';
import { comment, figure, formatValue, progress } from './harness/report.mjs';
import { Child, makeTempDir, removeTempDir } from './harness/resources.mjs';
import { streamOpenMetrics } from './harness/shared-load.mjs';
import { medianMs } from './harness/timing.mjs';

const SELF = fileURLToPath(import.meta.url);
export const STEP_MS = 15_000;
const HOUR_MS = 3600_000;
/** The disk and append load: the shared README's backfill, which Prometheus's 3.44 bytes/sample is for. */
const DISK_LOAD = { targets: 10, series: 1000, samples: 720 };
/** The head and replay load: 100,000 series × 1 h, a tenth of issue 4's million series. */
const HEAD_LOAD = { targets: 100, series: 1000, samples: HOUR_MS / STEP_MS };
/** Samples per series that fill an open chunk. */
const FULL_CHUNK = 120;
const REPLAY_SCALE_SERIES = 1_000_000;

/**
 * The shared load as one Float64Array of values per series (label text kept, labels not
 * yet parsed) and the grid every series shares: `start` ms, STEP_MS apart. targets.mjs
 * writes each series' samples in time order (a histogram's series interleaved).
 */
export async function loadShared({ targets, series, samples }) {
  const byText = new Map();
  let start;
  await streamOpenMetrics({ targets, series, samples, step: STEP_MS / 1000 }, (line) => {
    const valueEnd = line.lastIndexOf(' ');
    const seriesEnd = line.lastIndexOf(' ', valueEnd - 1);
    const text = line.slice(0, seriesEnd);
    let s = byText.get(text);
    if (!s) byText.set(text, (s = { text, values: new Float64Array(samples), n: 0 }));
    const t = Number(line.slice(valueEnd + 1)) * 1000;
    start ??= t;
    if (s.n === samples || t !== start + s.n * STEP_MS)
      throw new Error(`${text}: sample ${s.n} at ${t}, off the ${STEP_MS} ms grid`);
    s.values[s.n++] = Number(line.slice(seriesEnd + 1, valueEnd));
  });
  const list = [...byText.values()];
  if (list.length !== targets * series || list.some((s) => s.n !== samples)) {
    throw new Error(`expected ${targets * series} series × ${samples} samples from targets.mjs`);
  }
  return { start, series: list.map(({ text, values }) => ({ text, values })) };
}

/**
 * One reusable batch per target (its series, `instance` as the scrape adds it), whose
 * samples appendScrapes rewrites in place: the store keeps no reference to them.
 */
export function scrapeBatches(data) {
  const byInstance = new Map();
  for (const { text, values } of data.series) {
    const labels = parsePrometheusText(`${text} 0\n`).samples[0].labels;
    const instance = labels.get('instance');
    let batch = byInstance.get(instance);
    if (!batch) byInstance.set(instance, (batch = { samples: [], values: [] }));
    batch.samples.push({ labels, t: 0, v: 0 });
    batch.values.push(values);
  }
  return [...byInstance.values()];
}

/** Appends scrapes [from, to) of every target; throws unless every sample is stored. */
export function appendScrapes(db, batches, start, from, to) {
  let appended = 0;
  let expected = 0;
  for (let j = from; j < to; j++) {
    const t = start + j * STEP_MS;
    for (const { samples, values } of batches) {
      for (let i = 0; i < samples.length; i++) {
        samples[i].t = t;
        samples[i].v = values[i][j];
      }
      appended += db.appendBatch(samples).appended;
      expected += samples.length;
    }
  }
  if (appended !== expected) throw new Error(`stored ${appended} of ${expected} samples`);
  return appended;
}

/** Bytes of the database file and SQLite's -wal/-shm files beside it. */
function diskBytes(dir) {
  const files = ['', '-wal', '-shm'].map((s) => join(dir, TSDB_FILE + s)).filter(existsSync);
  return files.reduce((n, f) => n + statSync(f).size, 0);
}

/** Append rate and CPU, then bytes on disk per sample after checkpoint, retention and close. */
async function measureAppendAndDisk() {
  const { targets, series, samples } = DISK_LOAD;
  const total = targets * series * samples;
  progress(`tsdb: generating ${targets} × ${series} series × ${samples} samples (targets.mjs)`);
  const data = await loadShared(DISK_LOAD);
  const batches = scrapeBatches(data);
  const dir = makeTempDir('tsdb');
  try {
    const db = await openTsdb({ path: dir });
    let beforeVacuum;
    try {
      progress(`tsdb: appending ${total} samples`);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      appendScrapes(db, batches, data.start, 0, samples);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      comment(
        `tsdb: ${targets} targets × ${series} series × ${samples} samples at 15s (${total / 1e6} M), one ${series}-sample batch per target per scrape`,
      );
      figure('tsdb_append_samples_per_sec', (total / ms) * 1000, 'samples/s');
      figure('tsdb_append_cpu_seconds_per_1m_samples', cpuSeconds / (total / 1e6), 's');
      comment(
        `tsdb: ${Math.round(total / cpuSeconds)} samples/s per core (issue 4 goal: ≥ 2,000,000)`,
      );
      const promCpu = resourceBaseline('100 × 1,000')?.cpuSecondsPer1M;
      if (promCpu)
        comment(
          `prometheus (scraping, parse included): ${formatValue(promCpu)} CPU-s per 1M samples`,
        );
      db.checkpoint();
      beforeVacuum = diskBytes(dir);
      db.applyRetention();
    } finally {
      await db.close();
    }
    comment(
      `tsdb: after checkpoint, before the retention pass's incremental vacuum: ${(beforeVacuum / total).toFixed(2)} bytes/sample`,
    );
    figure('tsdb_disk_bytes_per_sample', diskBytes(dir) / total, 'bytes');
    const baseline = diskBaseline();
    if (baseline) {
      comment(
        `prometheus (same data): ${baseline.chunks} bytes/sample in chunks, ${baseline.withIndex} with the index`,
      );
    }
  } finally {
    removeTempDir(dir);
  }
}

/** Heap in use after full collections, with the event loop turned so finalizers run. */
async function heapBytes() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  // Chunk bytes live in ArrayBuffers, outside the V8 heap.
  return heapUsed + arrayBuffers;
}

/** The timed selects as [type, name, value] triples, each with the series a scan finds. */
function selectQueries(batches) {
  const first = batches[0].samples[0].labels;
  const queries = [
    ['tsdb_select_one_series_ms', [...first].map(([n, v]) => ['=', n, v])],
    ['tsdb_select_1000_series_ms', [['=', 'instance', first.get('instance')]]],
    [
      'tsdb_select_regex_100k_ms',
      [
        ['=~', '__name__', 'bench_.*'],
        ['=~', 'status', '5..'],
      ],
    ],
  ];
  return queries.map(([name, triples]) => {
    const matchers = toMatchers(triples);
    let series = 0;
    for (const b of batches)
      for (const s of b.samples) if (matchesAll(matchers, s.labels)) series++;
    return { name, triples, series };
  });
}

function toMatchers(triples) {
  return triples.map(([type, name, value]) => new Matcher(type, name, value));
}

/**
 * Child 1: appends HEAD_LOAD into `dir`, measuring the heap the store adds once every
 * series' open chunk is full; prints one JSON line, then dies by SIGKILL so the log is
 * left unreplayed and uncheckpointed, as after a crash.
 */
async function appendChild(dir) {
  const data = await loadShared(HEAD_LOAD);
  const db = await openTsdb({ path: dir });
  // The labels are parsed after this point: the head keeps them, so they are its cost.
  const before = await heapBytes();
  let batches = scrapeBatches(data);
  appendScrapes(db, batches, data.start, 0, FULL_CHUNK);
  batches = undefined;
  const headBytes = (await heapBytes()) - before;
  batches = scrapeBatches(data);
  const t0 = performance.now();
  appendScrapes(db, batches, data.start, FULL_CHUNK, HEAD_LOAD.samples);
  const appendMs = performance.now() - t0;
  const result = {
    series: db.numSeries,
    headBytes,
    walBytes: db.walBytes(),
    appendMs,
    last: data.start + (HEAD_LOAD.samples - 1) * STEP_MS,
    queries: selectQueries(batches),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.kill(process.pid, 'SIGKILL');
}

/** Child 2: times openTsdb on the crashed store, then checkpoints and times the selects. */
async function replayChild(dir, input) {
  const { series, last, queries } = JSON.parse(input);
  let opened;
  const log = (level, msg, fields) => {
    if (msg === 'opened tsdb') opened = fields;
  };
  const t0 = performance.now();
  const db = await openTsdb({ path: dir, log });
  const replayMs = performance.now() - t0;
  const expected = series * HEAD_LOAD.samples;
  if (db.numSeries !== series || opened?.replayedSamples !== expected) {
    throw new Error(
      `replay: ${db.numSeries} series, ${opened?.replayedSamples} samples; expected ${series}, ${expected}`,
    );
  }
  try {
    const c0 = performance.now();
    db.checkpoint();
    const checkpointMs = performance.now() - c0;
    const selects = {};
    for (const q of queries) selects[q.name] = await selectMs(db, last, q);
    process.stdout.write(`${JSON.stringify({ replayMs, checkpointMs, selects })}\n`);
  } finally {
    await db.close();
  }
}

/** Runs per query, fewer for the big ones so the whole benchmark stays near 3 minutes. */
function runsFor(series) {
  return series <= 1 ? 20 : series <= 1000 ? 10 : 5;
}

/** Median ms of selecting the last hour; checks series and samples returned. */
async function selectMs(db, last, { name, triples, series }) {
  const matchers = toMatchers(triples);
  let got = { series: 0, samples: 0 };
  const { ms } = await medianMs(
    async () => {
      got = { series: 0, samples: 0 };
      for await (const s of db.querier(last - HOUR_MS, last).select(matchers)) {
        got.series++;
        got.samples += s.samples.length;
      }
    },
    { warmup: 1, runs: runsFor(series) },
  );
  const samples = series * HEAD_LOAD.samples;
  if (got.series !== series || got.samples !== samples) {
    throw new Error(
      `${name}: ${got.series} series, ${got.samples} samples; a scan finds ${series} series, ${samples} samples`,
    );
  }
  return { ms, series, runs: runsFor(series) };
}

/** Runs `args` with this Node and returns the JSON line it printed last. */
async function childResult(name, args, { killed = false } = {}) {
  const proc = new Child(`tsdb ${name}`, args);
  const code = await proc.waitExit();
  const line = proc
    .tail(50)
    .split('\n')
    .findLast((l) => l.startsWith('{'));
  const ok = killed ? code === 'SIGKILL' : code === 0;
  if (!ok || !line) throw new Error(`tsdb ${name} child exited with ${code}:\n${proc.tail()}`);
  return JSON.parse(line);
}

/** Head bytes per series, log replay time and select latencies, from the two children. */
async function measureHeadReplaySelect() {
  const { targets, series, samples } = HEAD_LOAD;
  const total = targets * series;
  const dir = makeTempDir('tsdb-head');
  try {
    progress(`tsdb: appending ${total} series × ${samples} samples in a child (no checkpoint)`);
    const append = await childResult('append', ['--expose-gc', SELF, '--child', 'append', dir], {
      killed: true,
    });
    comment(
      `tsdb: ${targets} targets × ${series} series, heap + ArrayBuffers after full GCs, before and after ${FULL_CHUNK} samples each (labels included)`,
    );
    figure('tsdb_head_bytes_per_series', append.headBytes / append.series, 'bytes');
    const prom = resourceBaseline('100 × 1,000')?.rssBytesPerSeries;
    if (prom) comment(`prometheus (RSS per head series, 100 × 1,000): ${Math.round(prom)} bytes`);
    progress('tsdb: replaying the log in a second child');
    const replay = await childResult('replay', [
      SELF,
      '--child',
      'replay',
      dir,
      JSON.stringify(append),
    ]);
    const scale = REPLAY_SCALE_SERIES / append.series;
    comment(
      `tsdb: replay of ${append.series} series × ${samples} samples (1 h, ${(append.series * samples) / 1e6} M samples, ${(append.walBytes / 2 ** 20).toFixed(0)} MiB of log) after SIGKILL: ${Math.round(replay.replayMs)} ms measured, ×${scale} below for 1 M series`,
    );
    comment(
      `tsdb: that log was appended at ${Math.round(((append.series * (samples - FULL_CHUNK)) / append.appendMs) * 1000)} samples/s (second half, ${append.series} series)`,
    );
    figure('tsdb_wal_replay_ms', replay.replayMs * scale, 'ms');
    comment(
      `tsdb: selects over the last hour after a checkpoint (${Math.round(replay.checkpointMs)} ms): one chunk on disk + the open chunk per series`,
    );
    for (const [name, r] of Object.entries(replay.selects)) {
      comment(`${name}: ${r.series} series × ${samples} samples, median of ${r.runs}`);
      figure(name, r.ms, 'ms');
    }
  } finally {
    removeTempDir(dir);
  }
}

/** The figures of issue 4 for the TSDB store. */
export const tsdbBenchmark = {
  name: 'tsdb',
  uses: [],
  async run() {
    await measureAppendAndDisk();
    await measureHeadReplaySelect();
  },
};

if (process.argv[1] === SELF && process.argv[2] === '--child') {
  const [mode, dir, input] = process.argv.slice(3);
  if (mode === 'append') await appendChild(dir);
  else if (mode === 'replay') await replayChild(dir, input);
  else throw new Error(`tsdb child: unknown mode ${mode}`);
}
