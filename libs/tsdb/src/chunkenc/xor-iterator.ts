import { BitReader } from './bit-reader.js';
import type { ChunkIterator } from './chunk.js';
import { readTimeDod } from './dod-buckets.js';
import { ChunkCorruptError } from './errors.js';
import { floatFromBits, isStaleNaN } from './float-bits.js';
import { CHUNK_HEADER_BYTES } from './limits.js';
import { readUvarint, readVarint } from './varint.js';

/** `leading` before any value has set a window of significant bits. */
export const NO_WINDOW = 0xff;

/** What an appender needs to continue a chunk after its last sample. */
export interface AppendState {
  readonly count: number;
  /** Bits up to the end of the last sample, header included. */
  readonly bitLength: number;
  readonly firstT: number;
  readonly lastT: number;
  readonly delta: number;
  readonly hi: number;
  readonly lo: number;
  readonly leading: number;
  readonly trailing: number;
}

/**
 * Walks an XOR chunk sample by sample without allocating: after `next()` or `seek()`
 * returns true, `t`, `v` and `isStale` describe the current sample.
 * @throws ChunkCorruptError from next()/seek() when the bytes do not decode, and again
 * on every later call.
 */
export class XorIterator implements ChunkIterator {
  readonly #r = new BitReader();
  #total = 0;
  #read = 0;
  #done = false;
  #error: ChunkCorruptError | undefined;
  #endOfSamples = 0;
  #firstT = 0;
  #t = 0;
  #delta = 0;
  #hi = 0;
  #lo = 0;
  #leading = NO_WINDOW;
  #trailing = 0;

  /** The current sample's time in milliseconds. */
  get t(): number {
    return this.#t;
  }

  /** The current sample's value; NaN for a staleness marker. */
  get v(): number {
    return this.isStale ? Number.NaN : floatFromBits(this.#hi, this.#lo);
  }

  /** Whether the current sample is a staleness marker (StaleNaN's exact bits). */
  get isStale(): boolean {
    return isStaleNaN(this.#hi, this.#lo);
  }

  /**
   * Starts over on a chunk of `count` samples in `buf` (header included) ending at bit
   * `end`; `buf` must have BitWriter's read padding after that.
   * @internal for XorChunk.
   */
  reset(buf: Uint8Array, count: number, end: number): void {
    this.#r.reset(buf, CHUNK_HEADER_BYTES * 8, end);
    this.#total = count;
    this.#read = 0;
    this.#done = false;
    this.#error = undefined;
    this.#endOfSamples = 0;
    this.#t = 0;
    this.#delta = 0;
    this.#hi = 0;
    this.#lo = 0;
    this.#leading = NO_WINDOW;
    this.#trailing = 0;
  }

  /** Moves to the next sample; false once past the last. */
  next(): boolean {
    if (this.#read >= this.#total) return this.#finish();
    try {
      this.#decodeSample();
    } catch (err) {
      if (err instanceof ChunkCorruptError) this.#fail(err, `sample ${this.#read + 1}`);
      throw err;
    }
    this.#read++;
    return true;
  }

  /**
   * Moves forward to the first sample at or after `t`; stays put when the current sample
   * already is (never moves back). False when no sample is left.
   */
  seek(t: number): boolean {
    if (this.#error) throw this.#error;
    if (this.#read > 0 && !this.#done && this.#t >= t) return true;
    while (this.next()) if (this.#t >= t) return true;
    return false;
  }

  /**
   * The state after the last sample, for reopening a chunk for appends.
   * @internal for XorChunk; only valid once next() has returned false.
   */
  appendState(): AppendState {
    if (!this.#done) throw new Error('BUG: appendState before the iterator finished');
    return {
      count: this.#read,
      bitLength: this.#endOfSamples,
      firstT: this.#firstT,
      lastT: this.#t,
      delta: this.#delta,
      hi: this.#hi,
      lo: this.#lo,
      leading: this.#leading,
      trailing: this.#trailing,
    };
  }

  #decodeSample(): void {
    const r = this.#r;
    if (this.#read === 0) {
      this.#t = this.#firstT = readVarint(r);
      this.#hi = r.readBits(32);
      this.#lo = r.readBits(32);
      return;
    }
    if (this.#read === 1) {
      this.#setDelta(readUvarint(r));
      this.#step();
      this.#readValue();
      return;
    }
    // The common case, dod 0, starts with a 0 bit; together with the value's first bit,
    // one 2-bit read settles a regular sample.
    const control = r.readTwoBits();
    if (control < 2) {
      this.#step();
      if (control === 1) this.#readChangedValue();
      return;
    }
    this.#setDelta(this.#delta + readTimeDod(this.#r, control));
    this.#step();
    this.#readValue();
  }

  #setDelta(delta: number): void {
    if (!(delta > 0) || !Number.isSafeInteger(delta)) {
      throw new ChunkCorruptError(`timestamp delta ${delta} is not a positive safe integer`);
    }
    this.#delta = delta;
  }

  #step(): void {
    const t = this.#t + this.#delta;
    if (t > Number.MAX_SAFE_INTEGER) throw new ChunkCorruptError(`timestamp ${t} exceeds 2^53`);
    this.#t = t;
  }

  #readValue(): void {
    if (this.#r.readBit() !== 0) this.#readChangedValue();
  }

  /** A value whose '1' (changed) bit has been read: a window, then its significant bits. */
  #readChangedValue(): void {
    const r = this.#r;
    let significant: number;
    if (r.readBit() === 0) {
      if (this.#leading === NO_WINDOW) {
        throw new ChunkCorruptError('value reuses a window before any was set');
      }
      significant = 64 - this.#leading - this.#trailing;
    } else {
      const window = r.readBits(11);
      const leading = window >>> 6;
      significant = window & 63 || 64;
      if (leading + significant > 64) {
        throw new ChunkCorruptError(`value window of ${leading}+${significant} bits exceeds 64`);
      }
      this.#leading = leading;
      this.#trailing = 64 - leading - significant;
    }
    const high = significant > 32 ? r.readBits(significant - 32) : 0;
    const low = r.readBits(significant > 32 ? 32 : significant);
    const shift = this.#trailing;
    if (shift === 0) {
      this.#hi ^= high;
      this.#lo ^= low;
    } else if (shift < 32) {
      this.#hi ^= (high << shift) | (low >>> (32 - shift));
      this.#lo ^= low << shift;
    } else {
      this.#hi ^= low << (shift - 32);
    }
  }

  /** After the last sample: checks that only zero padding of the last byte follows. */
  #finish(): false {
    if (this.#error) throw this.#error;
    if (this.#done) return false;
    const r = this.#r;
    this.#endOfSamples = r.position;
    const left = r.remaining;
    if (left >= 8) {
      this.#fail(new ChunkCorruptError(`${left >>> 3} bytes follow it`), 'the end');
    }
    if (left > 0 && r.readBits(left) !== 0) {
      this.#fail(new ChunkCorruptError('non-zero padding follows it'), 'the end');
    }
    this.#done = true;
    return false;
  }

  /** Makes `err` sticky, saying where (`sample 3`, `the end`) in how many samples. */
  #fail(err: ChunkCorruptError, where: string): never {
    this.#error = new ChunkCorruptError(
      `corrupt chunk of ${this.#total} samples at ${where}: ${err.message}`,
    );
    this.#total = this.#read;
    throw this.#error;
  }
}
