import type { ByteReader } from '@promethium/model';
import type { Sample, Series } from '@promethium/model';
import { CodecError } from '../errors.js';
import { readBinaryMessage } from './binary-message.js';
import { readLabels, readStringTable } from './string-table.js';

// Smallest encodings: a series is a label count and a sample count; a sample a delta
// byte and 8 value bytes.
const MIN_SERIES_BYTES = 2;
const MIN_SAMPLE_BYTES = 9;

/**
 * Decodes the layout ChunkWriter writes (see there). Rejects, with a CodecError naming
 * the offset, a wrong format byte, truncation, trailing bytes, an out-of-range string
 * index, unsorted or duplicate label names, an empty label value and an unsafe timestamp.
 */
export function readChunk(data: Uint8Array, format: number, what: string): Series[] {
  return readBinaryMessage(data, format, what, readSeries);
}

function readSeries(r: ByteReader): Series[] {
  const strings = readStringTable(r);
  const series: Series[] = [];
  let prevT = 0;
  for (let n = r.count(MIN_SERIES_BYTES, 'series count'); n > 0; n--) {
    const labels = readLabels(r, strings);
    const samples: Sample[] = [];
    for (let k = r.count(MIN_SAMPLE_BYTES, 'sample count'); k > 0; k--) {
      const at = r.pos;
      const t = prevT + r.zigzag();
      if (!Number.isSafeInteger(t)) throw new CodecError(`timestamp ${t} is out of range`, at);
      samples.push(r.sample(t));
      prevT = t;
    }
    series.push({ labels, samples });
  }
  r.end();
  return series;
}
