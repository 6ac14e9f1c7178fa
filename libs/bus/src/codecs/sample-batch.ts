import type { LabeledSample, Series } from '@promethium/model';
import type { Codec } from './codec.js';
import { readChunk } from './chunk-reader.js';
import { encodeChunks, encodeOneChunk } from './chunking.js';

/** Format byte of sampleBatch version 1. */
export const SAMPLE_BATCH_V1 = 0x01;

/** Consecutive samples of one label set become one series, so its labels are written once. */
function* runs(samples: Iterable<LabeledSample>): Generator<Series> {
  let labels: LabeledSample['labels'] | undefined;
  let run: LabeledSample[] = [];
  for (const s of samples) {
    if (labels !== undefined && (s.labels === labels || s.labels.equals(labels))) {
      run.push(s);
      continue;
    }
    if (labels !== undefined) yield { labels, samples: run };
    labels = s.labels;
    run = [s];
  }
  if (labels !== undefined) yield { labels, samples: run };
}

function flatten(series: Series[]): LabeledSample[] {
  const out: LabeledSample[] = [];
  for (const { labels, samples } of series) for (const s of samples) out.push({ labels, ...s });
  return out;
}

/**
 * Labeled samples (a write batch) in the binary layout of chunk-writer.ts: each label
 * string once per batch, timestamps as zig-zag varint deltas, values as 8 raw bytes.
 * Decoding returns the samples in their original order.
 */
export const sampleBatchCodec: Codec<LabeledSample[]> = {
  encode: (samples) => encodeOneChunk(SAMPLE_BATCH_V1, runs(samples)),
  decode: (data) => flatten(readChunk(data, SAMPLE_BATCH_V1, 'sampleBatch')),
};

/** Splits samples into encoded sampleBatch messages each <= maxBytes, keeping their order. */
export function encodeSampleBatches(
  samples: Iterable<LabeledSample>,
  maxBytes: number,
): Uint8Array[] {
  return encodeChunks(SAMPLE_BATCH_V1, runs(samples), maxBytes);
}
