import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';

// A timestamp's delta of delta (dod) is stored in the smallest of these signed buckets,
// after a prefix naming the bucket: '0' for dod 0, '10' 14 bits, '110' 17 bits, '1110'
// 20 bits, '1111' the full 64. Prometheus counts in milliseconds where Gorilla counted
// seconds, hence its wider buckets. The ranges are Prometheus's (bitRange): one more
// positive value than two's complement allows, kept for byte compatibility.

/** 2^(bits-1) for every bucket width, so that no append computes a power. */
const HALF = Array.from({ length: 65 }, (_, bits) => (bits === 0 ? 0 : 2 ** (bits - 1)));

/** Whether `dod` fits a bucket of `bits` bits: -(2^(bits-1) - 1) <= dod <= 2^(bits-1). */
export function fitsBucket(dod: number, bits: number): boolean {
  const half = HALF[bits]!;
  return dod >= 1 - half && dod <= half;
}

/** The signed dod that the `bits` unsigned bits of a bucket stand for. */
export function bucketValue(raw: number, bits: number): number {
  const half = HALF[bits]!;
  return raw > half ? raw - 2 * half : raw;
}

const TWO_POW_32 = 2 ** 32;

/** Writes a timestamp dod: its bucket's prefix and bits, in one write where they fit. */
export function writeTimeDod(w: BitWriter, dod: number): void {
  if (dod === 0) {
    w.writeBit(0);
    return;
  }
  // fitsBucket's ranges for 14, 17 and 20 bits, spelt out for the append path.
  if (dod >= -0x1fff && dod <= 0x2000) w.writeBits((0b10 << 14) | (dod & 0x3fff), 16);
  else if (dod >= -0xffff && dod <= 0x10000) w.writeBits((0b110 << 17) | (dod & 0x1ffff), 20);
  else if (dod >= -0x7ffff && dod <= 0x80000) w.writeBits((0b1110 << 20) | (dod & 0xfffff), 24);
  else {
    w.writeBits(0b1111, 4);
    // Two's complement halves: floor keeps the sign in the high word, and ToInt32 of
    // the remainder (negative for a negative dod) is the low word.
    w.writeBits64(Math.floor(dod / TWO_POW_32), dod % TWO_POW_32, 64);
  }
}

/**
 * Reads a non-zero timestamp dod whose prefix's first two bits, `control` (0b10 or
 * 0b11), were already read: chunk iterators read them together with the next bit.
 */
export function readTimeDod(r: BitReader, control: number): number {
  if (control === 0b10) return bucketValue(r.readBits(14), 14);
  if (r.readBit() === 0) return bucketValue(r.readBits(17), 17);
  if (r.readBit() === 0) return bucketValue(r.readBits(20), 20);
  const hi = r.readBits(32);
  return hi * TWO_POW_32 + (r.readBits(32) >>> 0);
}
