import { BitWriter, READ_PADDING_BYTES } from './bit-writer.js';
import { ChunkEncoding } from './chunk.js';
import type { Chunk, ChunkIterator } from './chunk.js';
import { writeTimeDod } from './dod-buckets.js';
import { ChunkAppendError, ChunkCorruptError } from './errors.js';
import {
  ORDINARY_NAN_HI,
  STALE_NAN_HI,
  STALE_NAN_LO,
  loadFloat,
  loadedHi,
  loadedLo,
} from './float-bits.js';
import {
  CHUNK_HEADER_BYTES,
  MAX_CHUNK_BYTES,
  MAX_SAMPLE_BYTES,
  SAMPLES_PER_CHUNK,
} from './limits.js';
import { checkNextTime } from './time-order.js';
import { writeUvarint, writeVarint } from './varint.js';
import { NO_WINDOW, XorIterator } from './xor-iterator.js';
import type { AppendState } from './xor-iterator.js';

/** Bytes a new chunk allocates (Prometheus's chunkAllocationSize); it doubles as needed. */
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
export class XorChunk implements Chunk {
  /** Always ChunkEncoding.xor. */
  readonly encoding = ChunkEncoding.xor;
  #w: BitWriter;
  #count = 0;
  #firstT = 0;
  #lastT = 0;
  #delta = 0;
  #hi = 0;
  #lo = 0;
  #leading = NO_WINDOW;
  #trailing = 0;

  /** An empty chunk. */
  constructor() {
    this.#w = new BitWriter(CHUNK_HEADER_BYTES, INITIAL_CAPACITY);
  }

  /**
   * Reopens an encoded chunk (the bytes are copied). Every sample is decoded once here, to
   * validate the bytes and to restore the append state: the result can be read and
   * appended to exactly like the chunk that wrote the bytes.
   * @throws ChunkCorruptError when the bytes do not decode.
   */
  static fromBytes(bytes: Uint8Array): XorChunk {
    if (bytes.length < CHUNK_HEADER_BYTES) {
      throw new ChunkCorruptError(`chunk of ${bytes.length} bytes has no header`);
    }
    const padded = new Uint8Array(bytes.length + READ_PADDING_BYTES);
    padded.set(bytes);
    const it = new XorIterator();
    it.reset(padded, (bytes[0]! << 8) | bytes[1]!, bytes.length * 8);
    while (it.next());
    const chunk = new XorChunk();
    chunk.#restore(padded, it.appendState());
    return chunk;
  }

  /**
   * Appends a sample; `stale` stores a staleness marker (whatever `v` is).
   * @throws ChunkAppendError when the chunk is full, `t` is not a safe integer, or `t` is
   * not after the last sample's time.
   */
  append(t: number, v: number, stale = false): void {
    this.#checkAppend(t);
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
    const w = this.#w;
    if (this.#count === 0) {
      writeVarint(w, t);
      w.writeBits64(hi, lo, 64);
      this.#firstT = t;
    } else if (this.#count === 1) {
      this.#delta = t - this.#lastT;
      writeUvarint(w, this.#delta);
      this.#writeValue(hi, lo);
    } else {
      const delta = t - this.#lastT;
      writeTimeDod(w, delta - this.#delta);
      this.#delta = delta;
      this.#writeValue(hi, lo);
    }
    this.#lastT = t;
    this.#hi = hi;
    this.#lo = lo;
    this.#count++;
    w.setUint16(0, this.#count);
  }

  /**
   * Whether the chunk is full: SAMPLES_PER_CHUNK samples, or too close to MAX_CHUNK_BYTES
   * for a worst-case sample. The head cuts a new chunk instead of appending to a full one.
   */
  isFull(): boolean {
    return (
      this.#count >= SAMPLES_PER_CHUNK || this.#w.byteLength > MAX_CHUNK_BYTES - MAX_SAMPLE_BYTES
    );
  }

  /** The number of samples. */
  numSamples(): number {
    return this.#count;
  }

  /** The first sample's time, or undefined while the chunk is empty. */
  minTime(): number | undefined {
    return this.#count === 0 ? undefined : this.#firstT;
  }

  /** The last sample's time, or undefined while the chunk is empty. */
  maxTime(): number | undefined {
    return this.#count === 0 ? undefined : this.#lastT;
  }

  /**
   * The encoded chunk, exact length. A view, not a copy: the next append changes its last
   * byte and header, or leaves it behind on a new buffer; copy it to keep it.
   */
  bytes(): Uint8Array {
    return this.#w.bytes();
  }

  /**
   * An iterator over the samples present now (later appends are not seen); pass an old
   * XorIterator to reuse it instead of allocating.
   */
  iterator(reuse?: ChunkIterator): XorIterator {
    const it = reuse instanceof XorIterator ? reuse : new XorIterator();
    it.reset(this.#w.buffer, this.#count, this.#w.bitLength);
    return it;
  }

  #checkAppend(t: number): void {
    if (this.isFull()) {
      throw new ChunkAppendError(
        `chunk is full (${this.#count} samples, ${this.#w.byteLength} bytes)`,
      );
    }
    checkNextTime(t, this.#count, this.#lastT);
  }

  #writeValue(hi: number, lo: number): void {
    const w = this.#w;
    const xh = hi ^ this.#hi;
    const xl = lo ^ this.#lo;
    if ((xh | xl) === 0) {
      w.writeBit(0);
      return;
    }
    let leading = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    if (leading > MAX_LEADING) leading = MAX_LEADING;
    const trailing = xl !== 0 ? trailingZeros(xl) : 32 + trailingZeros(xh);
    if (this.#leading !== NO_WINDOW && leading >= this.#leading && trailing >= this.#trailing) {
      w.writeBits(0b10, 2);
      writeShifted(w, xh, xl, this.#trailing, 64 - this.#leading - this.#trailing);
      return;
    }
    this.#leading = leading;
    this.#trailing = trailing;
    const significant = 64 - leading - trailing;
    // 64 significant bits do not fit 6 bits; they are written as 0, which never occurs
    // otherwise (no significant bits means an unchanged value, stored as a single 0).
    w.writeBits((0b11 << 11) | (leading << 6) | (significant & 63), 13);
    writeShifted(w, xh, xl, trailing, significant);
  }

  #restore(padded: Uint8Array, state: AppendState): void {
    // The padding bits after the last sample were checked to be zero; new bits go there.
    this.#w = BitWriter.adopt(padded, state.bitLength);
    this.#count = state.count;
    this.#firstT = state.firstT;
    this.#lastT = state.lastT;
    this.#delta = state.delta;
    this.#hi = state.hi;
    this.#lo = state.lo;
    this.#leading = state.leading;
    this.#trailing = state.trailing;
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
