// Benchmark 2: the bus's sampleBatch codec on write batches built from the shared body.
import { DEFAULT_MAX_MESSAGE_BYTES, codecs, encodeSampleBatches } from '@promethium/bus';
import { parsePrometheusText } from '@promethium/exposition';
import { jumpHash } from '@promethium/model';
import { comment, figure } from './harness/report.mjs';
import { medianMs } from './harness/timing.mjs';

/** The default shard count of `promethium all`. */
const SHARDS = 2;

/**
 * The write batches one scrape of the body becomes, as the scraper makes them: job and
 * instance labels added, split by shard, each shard's samples cut to fit a bus message.
 */
function writeBatches(body) {
  const t = Date.now();
  const perShard = Array.from({ length: SHARDS }, () => []);
  for (const s of parsePrometheusText(body.text).samples) {
    const labels = s.labels.with('job', 'bench').with('instance', body.instance);
    perShard[jumpHash(labels.hash(), SHARDS)].push({ labels, t, v: s.value });
  }
  const batches = [];
  for (const samples of perShard) {
    let from = 0;
    for (const piece of encodeSampleBatches(samples, DEFAULT_MAX_MESSAGE_BYTES)) {
      const n = codecs.sampleBatch.decode(piece).length;
      batches.push(samples.slice(from, from + n));
      from += n;
    }
  }
  return batches;
}

/** Encode and decode samples/s (median of 7 passes over all batches) and bytes/sample. */
export const codecsBenchmark = {
  name: 'codecs',
  uses: ['scrape-body'],
  async run({ fixture }) {
    const batches = writeBatches(await fixture('scrape-body'));
    const samples = batches.reduce((n, b) => n + b.length, 0);
    let payloads = [];
    const encode = await medianMs(
      () => {
        payloads = batches.map((b) => codecs.sampleBatch.encode(b));
      },
      { warmup: 2, runs: 7 },
    );
    let decoded = 0;
    const decode = await medianMs(
      () => {
        decoded = payloads.reduce((n, p) => n + codecs.sampleBatch.decode(p).length, 0);
      },
      { warmup: 2, runs: 7 },
    );
    if (decoded !== samples) throw new Error(`decoded ${decoded} samples of ${samples}`);
    const bytes = payloads.reduce((n, p) => n + p.length, 0);
    comment(
      `codecs: ${samples} samples in ${batches.length} batches (${SHARDS} shards, <= ${DEFAULT_MAX_MESSAGE_BYTES} bytes each)`,
    );
    figure('bus_sample_batch_encode_samples_per_sec', (samples / encode.ms) * 1000, 'samples/s');
    figure('bus_sample_batch_decode_samples_per_sec', (samples / decode.ms) * 1000, 'samples/s');
    figure('bus_sample_batch_bytes_per_sample', bytes / samples, 'bytes');
  },
};
