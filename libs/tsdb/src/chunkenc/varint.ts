// Go's encoding/binary varints (7 bits a byte, low group first, high bit = more follow),
// as Prometheus writes a chunk's first timestamp and first delta. Numbers are safe
// integers: the arithmetic below stays exact where zigzag's 2|t|-1 would not.

import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import { ChunkCorruptError } from './errors.js';

const GROUP = 128;
/** A uint64 takes at most 10 bytes; Go rejects longer encodings too. */
const MAX_VARINT_BYTES = 10;

/** Writes an unsigned safe integer as a uvarint. */
export function writeUvarint(w: BitWriter, u: number): void {
  while (u >= GROUP) {
    w.writeBits((u % GROUP) | GROUP, 8);
    u = Math.floor(u / GROUP);
  }
  w.writeBits(u, 8);
}

/**
 * Writes a safe integer as a zigzag varint (0, -1, 1, -2 → 0, 1, 2, 3). The zigzag value
 * 2m+s (m = t or -t-1, s = sign) is built group by group so it never needs 54 exact bits.
 */
export function writeVarint(w: BitWriter, t: number): void {
  const sign = t < 0 ? 1 : 0;
  const m = sign ? -t - 1 : t;
  const low = (m % 64) * 2 + sign;
  const rest = Math.floor(m / 64);
  if (rest === 0) {
    w.writeBits(low, 8);
    return;
  }
  w.writeBits(low | GROUP, 8);
  writeUvarint(w, rest);
}

/** Reads a uvarint; throws ChunkCorruptError when it is over-long or not a safe integer. */
export function readUvarint(r: BitReader): number {
  let u = 0;
  let scale = 1;
  for (let n = 0; n < MAX_VARINT_BYTES; n++) {
    const byte = r.readBits(8);
    u += (byte & 0x7f) * scale;
    if (byte < GROUP) {
      if (!Number.isSafeInteger(u)) throw new ChunkCorruptError(`varint ${u} exceeds 2^53`);
      return u;
    }
    scale *= GROUP;
  }
  throw new ChunkCorruptError(`varint longer than ${MAX_VARINT_BYTES} bytes`);
}

/** Reads a zigzag varint; throws ChunkCorruptError when it is not a safe integer. */
export function readVarint(r: BitReader): number {
  const first = r.readBits(8);
  const sign = first & 1;
  const rest = first < GROUP ? 0 : readUvarint(r);
  const m = rest * 64 + ((first & 0x7f) >>> 1);
  const t = sign ? -m - 1 : m;
  if (!Number.isSafeInteger(t)) throw new ChunkCorruptError(`varint ${t} is not a safe integer`);
  return t;
}
