// Benchmark: the chunk encodings (libs/tsdb chunkenc) on the shared backfill, 10 targets
// × 1,000 series × 720 samples at 15 s (targets.mjs openmetrics), each series encoded the
// way the head encodes it (appendToHeadChunk: integer chunks for integer values, XOR
// otherwise, a new chunk when the open one isFull()), so the figures are what the store
// writes. The XOR-only size of integer series is kept for comparison.
import { performance } from 'node:perf_hooks';
import { XorChunk, appendToHeadChunk } from '@promethium/tsdb';
import { diskBaseline } from './harness/baseline.mjs';
import { comment, figure, median, progress } from './harness/report.mjs';
import { streamOpenMetrics } from './harness/shared-load.mjs';

const TARGETS = 10;
const SERIES = 1000;
const SAMPLES = 720;
const STEP_S = 15;
const RUNS = 5;

/** Every series of the backfill as parallel time (ms) and value arrays, keyed by its text. */
async function loadSeries() {
  const series = new Map();
  await streamOpenMetrics(
    { targets: TARGETS, series: SERIES, samples: SAMPLES, step: STEP_S },
    (line) => {
      const valueEnd = line.lastIndexOf(' ');
      const seriesEnd = line.lastIndexOf(' ', valueEnd - 1);
      const key = line.slice(0, seriesEnd);
      let s = series.get(key);
      if (!s) {
        s = { times: new Float64Array(SAMPLES), values: new Float64Array(SAMPLES), n: 0 };
        series.set(key, s);
      }
      if (s.n === SAMPLES) throw new Error(`more than ${SAMPLES} samples for ${key}`);
      s.times[s.n] = Math.round(Number(line.slice(valueEnd + 1)) * 1000);
      s.values[s.n++] = Number(line.slice(seriesEnd + 1, valueEnd));
    },
  );
  const all = [...series.values()];
  if (all.length !== TARGETS * SERIES || all.some((s) => s.n !== SAMPLES)) {
    throw new Error(`expected ${TARGETS * SERIES} series × ${SAMPLES} samples from targets.mjs`);
  }
  return all;
}

/** One series' samples in chunks, encoded and cut as the head does it. */
function encodeSeries({ times, values }) {
  const chunks = [];
  let open;
  for (let i = 0; i < times.length; i++) {
    open = appendToHeadChunk(open, times[i], values[i], false, (full) => chunks.push(full));
  }
  chunks.push(open);
  return chunks;
}

/** One series' samples in XOR chunks only, cut when full. */
function encodeSeriesXor({ times, values }) {
  const chunks = [];
  let chunk = new XorChunk();
  for (let i = 0; i < times.length; i++) {
    if (chunk.isFull()) {
      chunks.push(chunk);
      chunk = new XorChunk();
    }
    chunk.append(times[i], values[i]);
  }
  chunks.push(chunk);
  return chunks;
}

/** Median wall time (ms) of `runs` calls after one warm-up; `fn` returns a checksum. */
function medianMs(fn, runs = RUNS) {
  let check = fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    check += fn();
    times.push(performance.now() - t0);
  }
  if (Number.isNaN(check)) throw new Error('BUG: checksum is NaN');
  return median(times);
}

function bytesPerSample(encoded) {
  let bytes = 0;
  let samples = 0;
  for (const chunks of encoded) {
    for (const c of chunks) {
      bytes += c.bytes().length;
      samples += c.numSamples();
    }
  }
  return bytes / samples;
}

function reportSizes(series, encoded) {
  const isInteger = (s) => s.values.every((v) => Number.isInteger(v));
  const integerSeries = series.filter(isInteger);
  const integer = encoded.filter((_, i) => isInteger(series[i]));
  const float = encoded.filter((_, i) => !isInteger(series[i]));
  comment(`chunks: ${integer.length} integer-valued series, ${float.length} float-valued`);
  figure('chunks_bytes_per_sample', bytesPerSample(encoded), 'bytes');
  figure('chunks_bytes_per_sample_integer', bytesPerSample(integer), 'bytes');
  figure('chunks_bytes_per_sample_float', bytesPerSample(float), 'bytes');
  figure(
    'chunks_xor_bytes_per_sample_integer',
    bytesPerSample(integerSeries.map(encodeSeriesXor)),
    'bytes',
  );
  const baseline = diskBaseline();
  if (baseline) {
    comment(
      `prometheus (shared README, same data): ${baseline.chunks} bytes/sample in chunks, ${baseline.withIndex} with the index`,
    );
  }
}

/** Full iteration of every chunk with one reused iterator; returns a checksum. */
function decodeEverything(chunks) {
  let it;
  let sum = 0;
  for (const c of chunks) {
    it = c.iterator(it);
    while (it.next()) sum += it.t + it.v;
  }
  return sum;
}

/** Seeks into the middle of every full chunk with one reused iterator; returns a checksum. */
function seekMiddles(full, middles) {
  let it;
  let sum = 0;
  for (let i = 0; i < full.length; i++) {
    it = full[i].iterator(it);
    if (!it.seek(middles[i])) throw new Error('BUG: seek past a full chunk');
    sum += it.v;
  }
  return sum;
}

function middleTimes(full) {
  return full.map((c) => {
    const it = c.iterator();
    for (let i = 0; i <= c.numSamples() >> 1; i++) it.next();
    return it.t;
  });
}

/**
 * Bytes per sample (all, integer, float series; integer series in XOR alone), encode and
 * decode rates, seek latency.
 */
export const chunksBenchmark = {
  name: 'chunks',
  uses: [],
  async run() {
    progress(`generating ${TARGETS} × ${SERIES} series × ${SAMPLES} samples with targets.mjs`);
    const series = await loadSeries();
    const total = series.length * SAMPLES;
    const encoded = series.map(encodeSeries);
    comment(`chunks: ${total} samples in ${encoded.flat().length} chunks, cut when isFull()`);
    reportSizes(series, encoded);

    progress('chunks: encoding');
    const encodeMs = medianMs(() => {
      let n = 0;
      for (const s of series) n += encodeSeries(s).length;
      return n;
    });
    figure('chunks_encode_samples_per_sec', (total / encodeMs) * 1000, 'samples/s');

    progress('chunks: decoding');
    const chunks = encoded.flat();
    const decodeMs = medianMs(() => decodeEverything(chunks));
    figure('chunks_decode_samples_per_sec', (total / decodeMs) * 1000, 'samples/s');

    progress('chunks: seeking');
    const full = chunks.filter((c) => c.isFull());
    const middles = middleTimes(full);
    const seekMs = medianMs(() => seekMiddles(full, middles), 9);
    comment(`chunks: seek = median of 9 passes over ${full.length} full chunks, per seek`);
    figure('chunks_seek_ns', (seekMs * 1e6) / full.length, 'ns');
  },
};
