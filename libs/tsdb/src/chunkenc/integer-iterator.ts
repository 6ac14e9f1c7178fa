import { BitReader } from './bit-reader.js';
import type { ChunkIterator } from './chunk.js';
import { readTimeDod } from './dod-buckets.js';
import { ChunkCorruptError } from './errors.js';
import { IntegerRun, readIntegerValue } from './integer-values.js';
import { CHUNK_HEADER_BYTES } from './limits.js';
import { readUvarint, readVarint } from './varint.js';

/** What an appender needs to continue an integer chunk after its last sample. */
export interface IntegerAppendState {
  readonly count: number;
  /** Bits up to the end of the last sample, header included. */
  readonly bitLength: number;
  readonly firstT: number;
  readonly lastT: number;
  /** The last timestamp delta. */
  readonly delta: number;
  readonly run: IntegerRun;
}

/**
 * Walks an integer chunk sample by sample without allocating: after `next()` or
 * `seek()` returns true, `t`, `v` and `isStale` describe the current sample.
 * @throws ChunkCorruptError from next()/seek() when the bytes do not decode, and again
 * on every later call.
 */
export class IntegerIterator implements ChunkIterator {
  readonly #r = new BitReader();
  readonly #run = new IntegerRun();
  #total = 0;
  #read = 0;
  #done = false;
  #error: ChunkCorruptError | undefined;
  #endOfSamples = 0;
  #firstT = 0;
  #t = 0;
  #delta = 0;
  #stale = false;

  /** The current sample's time in milliseconds. */
  get t(): number {
    return this.#t;
  }

  /** The current sample's value; NaN for a staleness marker. */
  get v(): number {
    return this.#stale ? Number.NaN : this.#run.value;
  }

  /** Whether the current sample is a staleness marker. */
  get isStale(): boolean {
    return this.#stale;
  }

  /**
   * Starts over on a chunk of `count` samples in `buf` (header included) ending at bit
   * `end`; `buf` must have BitWriter's read padding after that.
   * @internal for IntegerChunk.
   */
  reset(buf: Uint8Array, count: number, end: number): void {
    this.#r.reset(buf, CHUNK_HEADER_BYTES * 8, end);
    this.#run.clear();
    this.#total = count;
    this.#read = 0;
    this.#done = false;
    this.#error = undefined;
    this.#endOfSamples = 0;
    this.#t = 0;
    this.#delta = 0;
    this.#stale = false;
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
   * @internal for IntegerChunk; only valid once next() has returned false.
   */
  appendState(): IntegerAppendState {
    if (!this.#done) throw new Error('BUG: appendState before the iterator finished');
    const run = new IntegerRun();
    run.copy(this.#run);
    return {
      count: this.#read,
      bitLength: this.#endOfSamples,
      firstT: this.#firstT,
      lastT: this.#t,
      delta: this.#delta,
      run,
    };
  }

  #decodeSample(): void {
    const r = this.#r;
    if (this.#read === 0) {
      this.#t = this.#firstT = readVarint(r);
      this.#readValue(r.readBit());
      return;
    }
    if (this.#read === 1) {
      this.#setDelta(readUvarint(r));
      this.#step();
      this.#readValue(r.readBit());
      return;
    }
    // A regular sample starts with the timestamp's '0' (dod 0); one 2-bit read takes it
    // together with the value's first bit.
    const control = r.readTwoBits();
    if (control < 2) {
      this.#step();
      this.#readValue(control);
      return;
    }
    this.#setDelta(this.#delta + readTimeDod(r, control));
    this.#step();
    this.#readValue(r.readBit());
  }

  #readValue(first: number): void {
    this.#stale = !readIntegerValue(this.#r, this.#run, first);
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
