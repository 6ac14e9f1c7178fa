import { BitReader } from './bit-reader.js';
import { READ_PADDING_BYTES } from './bit-writer.js';
import type { ChunkIterator } from './chunk.js';
import { readTimeDod } from './dod-buckets.js';
import { ChunkCorruptError } from './errors.js';
import { CHUNK_HEADER_BYTES } from './limits.js';
import { readUvarint, readVarint } from './varint.js';

/** Where the timestamps of a fully read chunk leave off, for reopening it for appends. */
export interface TimeState {
  readonly count: number;
  /** Bits up to the end of the last sample, header included. */
  readonly bitLength: number;
  readonly firstT: number;
  readonly lastT: number;
  /** The last timestamp delta. */
  readonly delta: number;
}

/**
 * What both chunk encodings share when reading: the header's sample count, the first
 * time as a varint, the first delta as a uvarint, then prefix-coded deltas of deltas,
 * each followed by a value the subclass decodes; the zero padding after the last sample;
 * errors that stick. Walks without allocating.
 * @throws ChunkCorruptError from next()/seek() when the bytes do not decode, and again
 * on every later call.
 */
export abstract class TimedIterator implements ChunkIterator {
  protected readonly r = new BitReader();
  #total = 0;
  #read = 0;
  #done = false;
  #error: ChunkCorruptError | undefined;
  #endOfSamples = 0;
  #firstT = 0;
  #t = 0;
  #delta = 0;

  /** The current sample's value; NaN for a staleness marker. */
  abstract get v(): number;
  /** Whether the current sample is a staleness marker. */
  abstract get isStale(): boolean;
  /** Reads the first sample's value. */
  protected abstract readFirstValue(): void;
  /** Reads a later sample's value, whose first bit `first` has been read already. */
  protected abstract readValue(first: number): void;
  /** Forgets the value state of the previous chunk. */
  protected abstract resetValue(): void;

  /** The current sample's time in milliseconds. */
  get t(): number {
    return this.#t;
  }

  /**
   * Starts over on a chunk of `count` samples in `buf` (header included) ending at bit
   * `end`; `buf` must have BitWriter's read padding after that.
   * @internal for the chunk classes.
   */
  reset(buf: Uint8Array, count: number, end: number): void {
    this.r.reset(buf, CHUNK_HEADER_BYTES * 8, end);
    this.#total = count;
    this.#read = 0;
    this.#done = false;
    this.#error = undefined;
    this.#endOfSamples = 0;
    this.#t = 0;
    this.#delta = 0;
    this.resetValue();
  }

  /**
   * Starts over on stored chunk bytes (header included, no padding), reading from a
   * padded copy, which it returns.
   * @throws ChunkCorruptError when the bytes are too short to hold the header.
   */
  resetOnBytes(bytes: Uint8Array): Uint8Array {
    if (bytes.length < CHUNK_HEADER_BYTES) {
      throw new ChunkCorruptError(`chunk of ${bytes.length} bytes has no header`);
    }
    // Reads run past the last byte without bounds checks; give them the zero padding.
    const padded = new Uint8Array(bytes.length + READ_PADDING_BYTES);
    padded.set(bytes);
    this.reset(padded, (bytes[0]! << 8) | bytes[1]!, bytes.length * 8);
    return padded;
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
   * The timestamp state after the last sample; only valid once next() has returned false.
   * @internal for the chunk classes' appendState.
   */
  protected timeState(): TimeState {
    if (!this.#done) throw new Error('BUG: appendState before the iterator finished');
    return {
      count: this.#read,
      bitLength: this.#endOfSamples,
      firstT: this.#firstT,
      lastT: this.#t,
      delta: this.#delta,
    };
  }

  #decodeSample(): void {
    const r = this.r;
    if (this.#read === 0) {
      this.#t = this.#firstT = readVarint(r);
      this.readFirstValue();
      return;
    }
    if (this.#read === 1) {
      this.#setDelta(readUvarint(r));
      this.#step();
      this.readValue(r.readBit());
      return;
    }
    // The common case, dod 0, starts with a 0 bit; together with the value's first bit,
    // one 2-bit read settles a regular sample.
    const control = r.readTwoBits();
    if (control < 2) {
      this.#step();
      this.readValue(control);
      return;
    }
    this.#setDelta(this.#delta + readTimeDod(r, control));
    this.#step();
    this.readValue(r.readBit());
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

  /** After the last sample: checks that only zero padding of the last byte follows. */
  #finish(): false {
    if (this.#error) throw this.#error;
    if (this.#done) return false;
    const r = this.r;
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
