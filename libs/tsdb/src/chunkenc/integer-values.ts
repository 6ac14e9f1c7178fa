// The integer encoding stores each value as the delta of delta (dod) of the integers,
// after a prefix of ones naming its bucket, like timestamps in the XOR encoding but with
// buckets sized for values: a counter growing by about the same amount each scrape has
// dods of -1..1 (2 bits after '10'), a smooth gauge a few hundred (12 bits after '1110').
//
//   '0'        dod 0             '11110'    20-bit dod
//   '10'       2-bit dod         '111110'   32-bit dod
//   '110'      6-bit dod         '1111110'  the value itself, 54 bits (22 high, 32 low)
//   '1110'     12-bit dod        '1111111'  a staleness marker
//
// Buckets are signed with fitsBucket's ranges. Before the first value the previous
// value and delta count as 0, so the first value is its own dod. A value whose dod is
// not exact or fits no bucket is stored whole; a staleness marker leaves the value and
// delta of the samples around it alone, so a series' run continues across it.

import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import { bucketValue } from './dod-buckets.js';
import { ChunkCorruptError } from './errors.js';

const BUCKET_BITS = [2, 6, 12, 20, 32] as const;
/** Ones after the first '1' of a whole value's prefix ('1' + 5 ones + '0'). */
const WHOLE_VALUE_ONES = BUCKET_BITS.length;
/** Ones after the first '1' of a staleness marker's prefix (all seven bits set). */
const STALE_ONES = BUCKET_BITS.length + 1;
const TWO_POW_32 = 2 ** 32;
const HIGH_BITS = 22;
const HIGH_SPAN = 2 ** HIGH_BITS;

/** The bits a value's code can take at most: a whole value after its 7-bit prefix. */
export const MAX_VALUE_BITS = STALE_ONES + 1 + HIGH_BITS + 32;

/**
 * Whether `v` can be stored in the integer encoding: an integer with |v| < 2^53 that is
 * not -0 (whose sign an integer cannot keep).
 */
export function isIntegerValue(v: number): boolean {
  return Number.isSafeInteger(v) && !Object.is(v, -0);
}

/** The values before the next one, as the encoder and the decoder both track them. */
export class IntegerRun {
  /** The last value (staleness markers aside); 0 before the first. */
  value = 0;
  /** The last value's difference from the one before; 0 until there are two. */
  delta = 0;
  /** Whether a value (not only staleness markers) has been seen. */
  hasValue = false;

  /** Makes `v`, a safe integer, the last value. */
  push(v: number): void {
    const delta = v - this.value;
    // An inexact difference (beyond 2^53) cannot predict the next value: start over at 0.
    this.delta = this.hasValue && Number.isSafeInteger(delta) ? delta : 0;
    this.value = v;
    this.hasValue = true;
  }

  /** Forgets every value, as before the first. */
  clear(): void {
    this.value = 0;
    this.delta = 0;
    this.hasValue = false;
  }

  /** Takes over `other`'s state. */
  copy(other: IntegerRun): void {
    this.value = other.value;
    this.delta = other.delta;
    this.hasValue = other.hasValue;
  }
}

/** Writes `v` (isIntegerValue) after the values in `run`, and pushes it onto `run`. */
export function writeIntegerValue(w: BitWriter, run: IntegerRun, v: number): void {
  const dod = run.hasValue ? v - run.value - run.delta : v;
  // The decoder adds dod to delta, then that to value: both sums must be exact, which
  // they are when v - value and dod are safe integers.
  const exact = Number.isSafeInteger(dod) && Number.isSafeInteger(v - run.value);
  if (!exact) writeWholeValue(w, v);
  else if (dod === 0) w.writeBit(0);
  // The buckets of BUCKET_BITS with fitsBucket's ranges, spelt out for the append path.
  else if (dod >= -1 && dod <= 2) w.writeBits((0b10 << 2) | (dod & 0x3), 4);
  else if (dod >= -0x1f && dod <= 0x20) w.writeBits((0b110 << 6) | (dod & 0x3f), 9);
  else if (dod >= -0x7ff && dod <= 0x800) w.writeBits((0b1110 << 12) | (dod & 0xfff), 16);
  else if (dod >= -0x7ffff && dod <= 0x80000) w.writeBits((0b11110 << 20) | (dod & 0xfffff), 25);
  else if (dod >= -0x7fffffff && dod <= 0x80000000) {
    w.writeBits(0b111110, 6);
    w.writeBits(dod, 32);
  } else writeWholeValue(w, v);
  run.push(v);
}

/** Writes a staleness marker; the run is left as it is. */
export function writeStaleMarker(w: BitWriter): void {
  w.writeBits(0x7f, STALE_ONES + 1);
}

/**
 * Reads the code of one sample's value, whose first bit `first` was already read, and
 * pushes the value onto `run`. Returns false for a staleness marker (run unchanged).
 * @throws ChunkCorruptError when the value is not a safe integer.
 */
export function readIntegerValue(r: BitReader, run: IntegerRun, first: number): boolean {
  if (first === 0) {
    pushChecked(run, 0);
    return true;
  }
  let ones = 0;
  while (ones < STALE_ONES && r.readBit() === 1) ones++;
  if (ones === STALE_ONES) return false;
  if (ones === WHOLE_VALUE_ONES) {
    run.push(readWholeValue(r));
    return true;
  }
  const bits = BUCKET_BITS[ones]!;
  pushChecked(run, bucketValue(r.readBits(bits) >>> 0, bits));
  return true;
}

function writeWholeValue(w: BitWriter, v: number): void {
  w.writeBits(0x7e, WHOLE_VALUE_ONES + 2);
  // Two's complement halves: floor keeps the sign in the high part, the rest is 0..2^32-1.
  const high = Math.floor(v / TWO_POW_32);
  w.writeBits(high, HIGH_BITS);
  w.writeBits(v - high * TWO_POW_32, 32);
}

function readWholeValue(r: BitReader): number {
  const raw = r.readBits(HIGH_BITS);
  const high = raw >= HIGH_SPAN / 2 ? raw - HIGH_SPAN : raw;
  const v = high * TWO_POW_32 + (r.readBits(32) >>> 0);
  if (!Number.isSafeInteger(v)) throw new ChunkCorruptError(`value ${v} exceeds 2^53`);
  return v;
}

/** Pushes the value a dod stands for, refusing one the encoder cannot have written. */
function pushChecked(run: IntegerRun, dod: number): void {
  if (!run.hasValue) {
    run.push(dod);
    return;
  }
  const delta = run.delta + dod;
  const v = run.value + delta;
  if (!Number.isSafeInteger(delta) || !Number.isSafeInteger(v)) {
    throw new ChunkCorruptError(`value dod ${dod} after ${run.value} leaves the safe integers`);
  }
  run.push(v);
}
