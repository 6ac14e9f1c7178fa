import { BitWriter } from './bit-writer.js';
import type { Chunk, ChunkEncoding, ChunkIterator } from './chunk.js';
import { writeTimeDod } from './dod-buckets.js';
import { ChunkAppendError } from './errors.js';
import { CHUNK_HEADER_BYTES, MAX_CHUNK_BYTES, SAMPLES_PER_CHUNK } from './limits.js';
import type { TimedIterator, TimeState } from './timed-iterator.js';
import { checkNextTime } from './time-order.js';
import { writeUvarint, writeVarint } from './varint.js';

/**
 * What both chunk encodings share when writing: a 2-byte big-endian sample count, the
 * first timestamp as a varint, the second as a uvarint delta, then each timestamp as a
 * delta of delta in a prefix-coded bucket, each followed by a value the subclass encodes.
 */
export abstract class TimedChunk<I extends TimedIterator> implements Chunk {
  abstract readonly encoding: ChunkEncoding;
  protected w: BitWriter;
  #count = 0;
  #firstT = 0;
  #lastT = 0;
  #delta = 0;

  /**
   * @param initialCapacity bytes a new chunk allocates; it doubles as needed.
   * @param maxSampleBytes the most one append can add, so isFull() leaves room for it.
   */
  protected constructor(
    initialCapacity: number,
    private readonly maxSampleBytes: number,
  ) {
    this.w = new BitWriter(CHUNK_HEADER_BYTES, initialCapacity);
  }

  abstract append(t: number, v: number, stale?: boolean): void;
  /** A fresh iterator of this encoding, or `reuse` when it is one. */
  protected abstract ownIterator(reuse?: ChunkIterator): I;

  /**
   * Whether the chunk is full: SAMPLES_PER_CHUNK samples, or too close to MAX_CHUNK_BYTES
   * for a worst-case sample. The head cuts a new chunk instead of appending to a full one.
   */
  isFull(): boolean {
    return (
      this.#count >= SAMPLES_PER_CHUNK || this.w.byteLength > MAX_CHUNK_BYTES - this.maxSampleBytes
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
    return this.w.bytes();
  }

  /**
   * An iterator over the samples present now (later appends are not seen); pass an old
   * iterator of this encoding to reuse it instead of allocating.
   */
  iterator(reuse?: ChunkIterator): I {
    const it = this.ownIterator(reuse);
    it.reset(this.w.buffer, this.#count, this.w.bitLength);
    return it;
  }

  /**
   * Refuses a sample the chunk cannot take: the chunk is full, or `t` is not a safe
   * integer after the last sample's time.
   * @throws ChunkAppendError
   */
  protected checkAppend(t: number): void {
    if (this.isFull()) {
      throw new ChunkAppendError(
        `chunk is full (${this.#count} samples, ${this.w.byteLength} bytes)`,
      );
    }
    checkNextTime(t, this.#count, this.#lastT);
  }

  /** Writes `t`, checked by checkAppend; returns whether it is the chunk's first sample. */
  protected writeTime(t: number): boolean {
    const w = this.w;
    if (this.#count === 0) {
      writeVarint(w, t);
      this.#firstT = t;
      return true;
    }
    const delta = t - this.#lastT;
    if (this.#count === 1) writeUvarint(w, delta);
    else writeTimeDod(w, delta - this.#delta);
    this.#delta = delta;
    return false;
  }

  /** Counts the sample written at `t`. */
  protected endAppend(t: number): void {
    this.#lastT = t;
    this.#count++;
    this.w.setUint16(0, this.#count);
  }

  /** Continues writing after the samples of `padded`, as a reading iterator left them. */
  protected restoreTime(padded: Uint8Array, state: TimeState): void {
    // The padding bits after the last sample were checked to be zero; new bits go there.
    this.w = BitWriter.adopt(padded, state.bitLength);
    this.#count = state.count;
    this.#firstT = state.firstT;
    this.#lastT = state.lastT;
    this.#delta = state.delta;
  }
}

/**
 * Reads a whole encoded chunk with `it` to validate it and find where appends continue;
 * returns a padded copy of the bytes for the chunk to adopt.
 * @throws ChunkCorruptError when the bytes do not decode.
 */
export function readForAppend<S>(
  bytes: Uint8Array,
  it: TimedIterator & { appendState(): S },
): { padded: Uint8Array; state: S } {
  const padded = it.resetOnBytes(bytes);
  while (it.next());
  return { padded, state: it.appendState() };
}
