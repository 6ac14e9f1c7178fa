import { BinaryFormatError, ByteReader, Labels } from '@promethium/model';
import type { Sample, Series } from '@promethium/model';
import { CodecError } from '../errors.js';

// Smallest encodings: a series is a label count and a sample count; a label two
// indexes; a sample a delta byte and 8 value bytes.
const MIN_SERIES_BYTES = 2;
const MIN_LABEL_BYTES = 2;
const MIN_SAMPLE_BYTES = 9;

/**
 * Decodes the layout ChunkWriter writes (see there). Rejects, with a CodecError naming
 * the offset, a wrong format byte, truncation, trailing bytes, an out-of-range string
 * index, unsorted or duplicate label names, an empty label value and an unsafe timestamp.
 */
export function readChunk(data: Uint8Array, format: number, what: string): Series[] {
  if (!(data instanceof Uint8Array)) throw new CodecError(`${what}: input is not bytes`);
  try {
    return readChunkBytes(data, format, what);
  } catch (err) {
    if (err instanceof BinaryFormatError)
      throw new CodecError(err.reason, err.offset, { cause: err });
    throw err;
  }
}

function readChunkBytes(data: Uint8Array, format: number, what: string): Series[] {
  const r = new ByteReader(data);
  const got = r.byte();
  if (got !== format)
    throw new CodecError(`${what}: format byte 0x${hex(got)}, expected 0x${hex(format)}`, 0);
  const strings: string[] = [];
  for (let n = r.count(1, 'string count'); n > 0; n--) strings.push(r.string());
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

function readLabels(r: ByteReader, strings: readonly string[]): Labels {
  const pairs: [string, string][] = [];
  for (let n = r.count(MIN_LABEL_BYTES, 'label count'); n > 0; n--) {
    const at = r.pos;
    const name = lookup(r, strings);
    const value = lookup(r, strings);
    const prev = pairs[pairs.length - 1];
    if (prev !== undefined && prev[0] >= name)
      throw new CodecError(`label ${JSON.stringify(name)} is not in strictly ascending order`, at);
    if (value === '') throw new CodecError(`label ${JSON.stringify(name)} has an empty value`, at);
    pairs.push([name, value]);
  }
  return Labels.fromPairs(pairs);
}

function lookup(r: ByteReader, strings: readonly string[]): string {
  const at = r.pos;
  const idx = r.varint();
  const s = strings[idx];
  if (s === undefined)
    throw new CodecError(`string index ${idx} outside the table of ${strings.length}`, at);
  return s;
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
