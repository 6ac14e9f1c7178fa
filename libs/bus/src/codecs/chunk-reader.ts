import type { ByteReader, LabeledSample, Labels } from '@promethium/model';
import { CodecError } from '../errors.js';
import { readBinaryMessage } from './binary-message.js';
import { readLabels, readStringTable } from './string-table.js';

// Smallest encodings: a series is a label count and a sample count; a sample a delta
// byte and 8 value bytes.
const MIN_SERIES_BYTES = 2;
const MIN_SAMPLE_BYTES = 9;

/**
 * Decodes the layout ChunkWriter writes (see there) into its samples in order, those of
 * a series sharing its Labels. Rejects, with a CodecError naming the offset, a wrong
 * format byte, truncation, trailing bytes, an out-of-range string index, unsorted or
 * duplicate label names, an empty label value and an unsafe timestamp.
 */
export function readChunk(data: Uint8Array, format: number, what: string): LabeledSample[] {
  return readBinaryMessage(data, format, what, readSamples);
}

function readSamples(r: ByteReader): LabeledSample[] {
  const strings = readStringTable(r);
  const samples: LabeledSample[] = [];
  let prevT = 0;
  for (let n = r.count(MIN_SERIES_BYTES, 'series count'); n > 0; n--) {
    const labels = readLabels(r, strings);
    for (let k = r.count(MIN_SAMPLE_BYTES, 'sample count'); k > 0; k--) {
      const at = r.pos;
      const t = prevT + r.zigzag();
      if (!Number.isSafeInteger(t)) throw new CodecError(`timestamp ${t} is out of range`, at);
      samples.push(readSample(r, labels, t));
      prevT = t;
    }
  }
  r.end();
  return samples;
}

// Built here rather than by spreading a Sample, which costs an object per sample.
function readSample(r: ByteReader, labels: Labels, t: number): LabeledSample {
  if (!r.isStaleMarker()) return { labels, t, v: r.float() };
  r.float();
  return { labels, t, v: Number.NaN, stale: true };
}
