import type { BitWriter } from './bit-writer.js';
import { ChunkEncoding } from './chunk.js';
import type { ChunkIterator } from './chunk.js';
import {
  ORDINARY_NAN_HI,
  STALE_NAN_HI,
  STALE_NAN_LO,
  loadFloat,
  loadedHi,
  loadedLo,
} from './float-bits.js';
import { MAX_SAMPLE_BYTES } from './limits.js';
import { TimedChunk, readForAppend } from './timed-chunk.js';
import { NO_WINDOW, XorIterator } from './xor-iterator.js';

/** Bytes a new chunk allocates (Prometheus's chunkAllocationSize); it grows as needed. */
const INITIAL_CAPACITY = 128;

/** Leading zeros are stored in 5 bits, so longer runs are stored as 31. */
const MAX_LEADING = 31;

/**
 * A chunk of float samples in Prometheus's XOR encoding (Gorilla's, with millisecond
 * timestamp buckets): a 2-byte big-endian sample count, the first timestamp as a varint
 * and first value as 64 raw bits, the second timestamp as a uvarint delta, then each
 * timestamp as a delta of delta in a prefix-coded bucket and each value XORed with the
 * previous one, storing only the bits between its leading and trailing zeros (or the
 * previous window when they fit in it). Timestamps are integer milliseconds, strictly
 * increasing. Staleness markers are stored as StaleNaN's exact bits.
 */
export class XorChunk extends TimedChunk<XorIterator> {
  /** Always ChunkEncoding.xor. */
  readonly encoding = ChunkEncoding.xor;
  #hi = 0;
  #lo = 0;
  #leading = NO_WINDOW;
  #trailing = 0;

  /** An empty chunk; `initialCapacity` bytes suit a chunk expected to grow that large (capacityFor). */
  constructor(initialCapacity = INITIAL_CAPACITY) {
    super(initialCapacity, MAX_SAMPLE_BYTES);
  }

  /**
   * Reopens an encoded chunk (the bytes are copied). Every sample is decoded once here, to
   * validate the bytes and to restore the append state: the result can be read and
   * appended to exactly like the chunk that wrote the bytes.
   * @throws ChunkCorruptError when the bytes do not decode.
   */
  static fromBytes(bytes: Uint8Array): XorChunk {
    const { padded, state } = readForAppend(bytes, new XorIterator());
    const chunk = new XorChunk();
    chunk.restoreTime(padded, state);
    chunk.#hi = state.hi;
    chunk.#lo = state.lo;
    chunk.#leading = state.leading;
    chunk.#trailing = state.trailing;
    return chunk;
  }

  /**
   * Appends a sample; `stale` stores a staleness marker (whatever `v` is).
   * @throws ChunkAppendError when the chunk is full, `t` is not a safe integer, or `t` is
   * not after the last sample's time.
   */
  append(t: number, v: number, stale = false): void {
    this.checkAppend(t);
    let hi: number;
    let lo: number;
    if (stale) {
      hi = STALE_NAN_HI;
      lo = STALE_NAN_LO;
    } else if (v !== v) {
      hi = ORDINARY_NAN_HI;
      lo = 0;
    } else {
      loadFloat(v);
      hi = loadedHi();
      lo = loadedLo();
    }
    if (this.writeTime(t)) this.writeBits64(hi, lo, 64);
    else this.#writeValue(hi, lo);
    this.#hi = hi;
    this.#lo = lo;
    this.endAppend(t);
  }

  protected ownIterator(reuse?: ChunkIterator): XorIterator {
    return reuse instanceof XorIterator ? reuse : new XorIterator();
  }

  #writeValue(hi: number, lo: number): void {
    const xh = hi ^ this.#hi;
    const xl = lo ^ this.#lo;
    if ((xh | xl) === 0) {
      this.writeBit(0);
      return;
    }
    let leading = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    if (leading > MAX_LEADING) leading = MAX_LEADING;
    const trailing = xl !== 0 ? trailingZeros(xl) : 32 + trailingZeros(xh);
    if (this.#leading !== NO_WINDOW && leading >= this.#leading && trailing >= this.#trailing) {
      this.writeBits(0b10, 2);
      writeShifted(this, xh, xl, this.#trailing, 64 - this.#leading - this.#trailing);
      return;
    }
    this.#leading = leading;
    this.#trailing = trailing;
    const significant = 64 - leading - trailing;
    // 64 significant bits do not fit 6 bits; they are written as 0, which never occurs
    // otherwise (no significant bits means an unchanged value, stored as a single 0).
    this.writeBits((0b11 << 11) | (leading << 6) | (significant & 63), 13);
    writeShifted(this, xh, xl, trailing, significant);
  }
}

function trailingZeros(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/** Writes `n` bits of the 64-bit word `hi:lo` shifted right by `shift` (0..63). */
function writeShifted(w: BitWriter, hi: number, lo: number, shift: number, n: number): void {
  if (shift === 0) w.writeBits64(hi, lo, n);
  else if (shift < 32) w.writeBits64(hi >>> shift, (lo >>> shift) | (hi << (32 - shift)), n);
  else w.writeBits64(0, hi >>> (shift - 32), n);
}
