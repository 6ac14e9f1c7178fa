import { ByteReader, BinaryFormatError, Labels, zigzag } from '@promethium/model';
import { RecordWriter } from './record-bytes.js';
import type { RefSamples } from './ref-samples.js';

/** A series the head created, logged before its first sample so replay can resolve refs. */
export interface RefSeries {
  readonly ref: number;
  readonly labels: Labels;
}

/** What one accepted batch adds to the head: its new series, then its samples. */
export interface WalRecord {
  readonly series: readonly RefSeries[];
  readonly samples: RefSamples;
}

/** Format 1: each sample's ref whole, its time as a delta, its value's 8 bytes. Still read. */
const RECORD_V1 = 0x01;
/** Format 2, written: see WalRecordEncoder. */
const RECORD_V2 = 0x02;
// Smallest encodings, used to bound counts read from a corrupt record: a series is a
// ref and a label count; a label two string lengths; a sample in format 1 a ref, a delta
// and 8 bytes, in format 2 a header and a one-byte integer.
const MIN_SERIES_BYTES = 2;
const MIN_LABEL_BYTES = 2;
const MIN_V1_SAMPLE_BYTES = 10;
const MIN_V2_SAMPLE_BYTES = 2;
/** Format 2 sample header flags, below the ref delta. */
const TIME_CHANGED = 2;
const INTEGER_VALUE = 1;
const FLAG_SPAN = 4;
/** Integers written as varints: zig-zag keeps those below 2^52 in magnitude safe. */
const INTEGER_LIMIT = 2 ** 52;
/** Series refs fit 32 bits (RefSamples, MemPostings). */
const MAX_REF = 0xffff_ffff;

/**
 * Encodes records (format 2): a format byte, the series (ref, labels as name/value
 * strings), then the samples. A sample is a varint header, the zig-zag delta of its ref
 * from the previous sample's times 4 plus two flags; its time as a zig-zag delta when it
 * differs from the previous sample's (flag 2); its value as a zig-zag varint when it is
 * an integer (flag 1), else as 8 raw bytes, so staleness markers keep their bit pattern.
 * A batch's refs are mostly consecutive, its times equal and counters integers: a
 * counter's sample takes about 6 bytes. One encoder reuses its buffer from record to record.
 */
export class WalRecordEncoder {
  readonly #out = new RecordWriter();

  /** The record's bytes: a view of the encoder's buffer, valid until the next encode. */
  encode(record: WalRecord): Uint8Array {
    const out = this.#out;
    out.reset();
    out.byte(RECORD_V2);
    out.varint(record.series.length);
    for (const { ref, labels } of record.series) {
      out.varint(ref);
      writeLabels(out, labels);
    }
    const { samples } = record;
    out.varint(samples.length);
    let prevRef = 0;
    let prevT = 0;
    for (let i = 0; i < samples.length; i++) {
      const ref = samples.ref(i);
      const t = samples.t(i);
      const v = samples.v(i);
      const stale = samples.isStale(i);
      const integer = !stale && isWalInteger(v);
      const flags = (t !== prevT ? TIME_CHANGED : 0) + (integer ? INTEGER_VALUE : 0);
      out.varint(zigzag(ref - prevRef) * FLAG_SPAN + flags);
      if (t !== prevT) out.zigzag(t - prevT);
      if (integer) out.zigzag(v);
      else if (stale) out.staleMarker();
      else out.float(v);
      prevRef = ref;
      prevT = t;
    }
    return out.written();
  }
}

/**
 * Decodes a record of either format: returns its series and appends its samples to
 * `samples`, many records' to one list on replay. Throws BinaryFormatError naming the
 * offset, with `samples` as it was.
 */
export function decodeWalRecord(data: Uint8Array, samples: RefSamples): RefSeries[] {
  const before = samples.length;
  try {
    return decodeInto(new ByteReader(data), samples);
  } catch (err) {
    samples.truncate(before);
    throw err;
  }
}

function decodeInto(r: ByteReader, samples: RefSamples): RefSeries[] {
  const format = r.byte();
  if (format !== RECORD_V1 && format !== RECORD_V2)
    throw new BinaryFormatError(`unknown record format ${format}`, 0);
  const series: RefSeries[] = [];
  for (let n = r.count(MIN_SERIES_BYTES, 'series count'); n > 0; n--) {
    const ref = r.varint();
    series.push({ ref, labels: readLabels(r) });
  }
  if (format === RECORD_V1) readV1Samples(r, samples);
  else readV2Samples(r, samples);
  r.end();
  return series;
}

function readV1Samples(r: ByteReader, samples: RefSamples): void {
  let prevT = 0;
  for (let n = r.count(MIN_V1_SAMPLE_BYTES, 'sample count'); n > 0; n--) {
    const at = r.pos;
    const ref = checkedRef(r.varint(), at);
    const t = checkedTime(prevT + r.zigzag(), at);
    const stale = r.isStaleMarker();
    samples.push(ref, t, r.float(), stale);
    prevT = t;
  }
}

function readV2Samples(r: ByteReader, samples: RefSamples): void {
  let prevRef = 0;
  let prevT = 0;
  for (let n = r.count(MIN_V2_SAMPLE_BYTES, 'sample count'); n > 0; n--) {
    const at = r.pos;
    const header = r.varint();
    const flags = header % FLAG_SPAN;
    const ref = checkedRef(prevRef + unzigzag((header - flags) / FLAG_SPAN), at);
    const t = flags & TIME_CHANGED ? checkedTime(prevT + r.zigzag(), at) : prevT;
    if (flags & INTEGER_VALUE) samples.push(ref, t, r.zigzag(), false);
    else {
      const stale = r.isStaleMarker();
      samples.push(ref, t, r.float(), stale);
    }
    prevRef = ref;
    prevT = t;
  }
}

/** Whether format 2 writes `v` as a varint: an integer (not -0) zig-zag keeps exact. */
function isWalInteger(v: number): boolean {
  return Number.isSafeInteger(v) && Math.abs(v) < INTEGER_LIMIT && !Object.is(v, -0);
}

function unzigzag(u: number): number {
  return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
}

function checkedRef(ref: number, at: number): number {
  if (ref < 0 || ref > MAX_REF)
    throw new BinaryFormatError(`series ref ${ref} is out of range`, at);
  return ref;
}

function checkedTime(t: number, at: number): number {
  if (!Number.isSafeInteger(t)) throw new BinaryFormatError(`timestamp ${t} is out of range`, at);
  return t;
}

/** Encodes a label set alone, as the series table stores it. */
export function encodeLabels(labels: Labels): Uint8Array {
  const out = new RecordWriter(256);
  writeLabels(out, labels);
  return out.written().slice();
}

/** Decodes what encodeLabels wrote; throws BinaryFormatError naming the offset. */
export function decodeLabels(data: Uint8Array): Labels {
  const r = new ByteReader(data);
  const labels = readLabels(r);
  r.end();
  return labels;
}

function writeLabels(out: RecordWriter, labels: Labels): void {
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
