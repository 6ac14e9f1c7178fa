import { BinaryFormatError, ByteReader, ByteWriter, Labels } from '@promethium/model';
import type { Sample } from '@promethium/model';

/** A series the head created, logged before its first sample so replay can resolve refs. */
export interface RefSeries {
  readonly ref: number;
  readonly labels: Labels;
}

/** One accepted sample of the series `ref`. */
export interface RefSample extends Sample {
  readonly ref: number;
}

/** What one accepted batch adds to the head: its new series, then its samples. */
export interface WalRecord {
  readonly series: readonly RefSeries[];
  readonly samples: readonly RefSample[];
}

const RECORD_V1 = 0x01;
// Smallest encodings, used to bound counts read from a corrupt record: a series is a
// ref and a label count; a label two string lengths; a sample a ref, a delta and 8 bytes.
const MIN_SERIES_BYTES = 2;
const MIN_LABEL_BYTES = 2;
const MIN_SAMPLE_BYTES = 10;

/**
 * Encodes a record: a format byte, the series (ref, labels as name/value strings), then
 * the samples (ref, timestamp as a zig-zag delta from the previous sample's, the value's
 * 8 raw bytes so staleness markers keep their bit pattern).
 */
export function encodeWalRecord(record: WalRecord, out = new ByteWriter()): Uint8Array {
  out.reset();
  out.byte(RECORD_V1);
  out.varint(record.series.length);
  for (const { ref, labels } of record.series) {
    out.varint(ref);
    writeLabels(out, labels);
  }
  out.varint(record.samples.length);
  let prevT = 0;
  for (const sample of record.samples) {
    out.varint(sample.ref);
    out.zigzag(sample.t - prevT);
    out.value(sample);
    prevT = sample.t;
  }
  return out.toBytes();
}

/** Decodes what encodeWalRecord wrote; throws BinaryFormatError naming the offset. */
export function decodeWalRecord(data: Uint8Array): WalRecord {
  const r = new ByteReader(data);
  const format = r.byte();
  if (format !== RECORD_V1) throw new BinaryFormatError(`unknown record format ${format}`, 0);
  const series: RefSeries[] = [];
  for (let n = r.count(MIN_SERIES_BYTES, 'series count'); n > 0; n--) {
    const ref = r.varint();
    series.push({ ref, labels: readLabels(r) });
  }
  const samples: RefSample[] = [];
  let prevT = 0;
  for (let n = r.count(MIN_SAMPLE_BYTES, 'sample count'); n > 0; n--) {
    const ref = r.varint();
    const at = r.pos;
    const t = prevT + r.zigzag();
    if (!Number.isSafeInteger(t)) throw new BinaryFormatError(`timestamp ${t} is out of range`, at);
    const sample = r.sample(t);
    samples.push(sample.stale ? { ref, t, v: sample.v, stale: true } : { ref, t, v: sample.v });
    prevT = t;
  }
  r.end();
  return { series, samples };
}

/** Encodes a label set alone, as records and the series table store it. */
export function encodeLabels(labels: Labels): Uint8Array {
  const out = new ByteWriter();
  writeLabels(out, labels);
  return out.toBytes();
}

/** Decodes what encodeLabels wrote; throws BinaryFormatError naming the offset. */
export function decodeLabels(data: Uint8Array): Labels {
  const r = new ByteReader(data);
  const labels = readLabels(r);
  r.end();
  return labels;
}

function writeLabels(out: ByteWriter, labels: Labels): void {
  out.varint(labels.size);
  for (const [name, value] of labels) {
    out.string(name);
    out.string(value);
  }
}

function readLabels(r: ByteReader): Labels {
  const pairs: [string, string][] = [];
  for (let k = r.count(MIN_LABEL_BYTES, 'label count'); k > 0; k--) {
    pairs.push([r.string(), r.string()]);
  }
  return Labels.fromPairs(pairs);
}
