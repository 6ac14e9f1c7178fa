import { BitWriter, READ_PADDING_BYTES } from './bit-writer.js';
import type { Chunk, ChunkEncoding, ChunkIterator } from './chunk.js';
import { writeTimeDod } from './dod-buckets.js';
import { ChunkAppendError } from './errors.js';
import { CHUNK_HEADER_BYTES, MAX_CHUNK_BYTES, SAMPLES_PER_CHUNK } from './limits.js';
import type { TimedIterator, TimeState } from './timed-iterator.js';
import { checkNextTime } from './time-order.js';
import { writeUvarint, writeVarint } from './varint.js';

/** Slack on a chunk's expected final size, against samples a little larger than the past ones. */
const GROWTH_MARGIN = 1.03;
/** Growth at least, so a chunk whose samples grow never re-allocates often. */
const MIN_GROWTH = 1.125;
/** About what the header and first sample take (whole time and value), far above the rest. */
const FIRST_SAMPLE_BYTES = 16;

/** The capacity for a chunk expected to reach `bytes` bytes: the growth margin and read padding on top. */
export function capacityFor(bytes: number): number {
  return Math.ceil(bytes * GROWTH_MARGIN) + READ_PADDING_BYTES;
}

/**
 * What both chunk encodings share when writing: a 2-byte big-endian sample count, the
 * first timestamp as a varint, the second as a uvarint delta, then each timestamp as a
 * delta of delta in a prefix-coded bucket, each followed by a value the subclass encodes.
 */
export abstract class TimedChunk<I extends TimedIterator> extends BitWriter implements Chunk {
  abstract readonly encoding: ChunkEncoding;
  #count = 0;
  #firstT = 0;
  #lastT = 0;
  #delta = 0;

  /**
   * @param initialCapacity bytes a new chunk allocates; it grows as needed (grownCapacity).
   * @param maxSampleBytes the most one append can add, so isFull() leaves room for it.
   */
  protected constructor(
    initialCapacity: number,
    private readonly maxSampleBytes: number,
  ) {
    super(CHUNK_HEADER_BYTES, initialCapacity);
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
      this.#count >= SAMPLES_PER_CHUNK || this.byteLength > MAX_CHUNK_BYTES - this.maxSampleBytes
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
   * An iterator over the samples present now (later appends are not seen); pass an old
   * iterator of this encoding to reuse it instead of allocating.
   */
  iterator(reuse?: ChunkIterator): I {
    const it = this.ownIterator(reuse);
    it.reset(this.buffer, this.#count, this.bitLength);
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
        `chunk is full (${this.#count} samples, ${this.byteLength} bytes)`,
      );
    }
    checkNextTime(t, this.#count, this.#lastT);
  }

  /** Writes `t`, checked by checkAppend; returns whether it is the chunk's first sample. */
  protected writeTime(t: number): boolean {
    if (this.#count === 0) {
      writeVarint(this, t);
      this.#firstT = t;
      return true;
    }
    const delta = t - this.#lastT;
    if (this.#count === 1) writeUvarint(this, delta);
    else writeTimeDod(this, delta - this.#delta);
    this.#delta = delta;
    return false;
  }

  /**
   * Counts the sample written at `t`. The count header is left until the bytes are read
   * (bytes(), buffer): an append then touches the end of the buffer only, not its start.
   */
  protected endAppend(t: number): void {
    this.#lastT = t;
    this.#count++;
  }

  /** The written bytes as a view (exact length) of the backing array, header up to date. */
  override bytes(): Uint8Array {
    this.setUint16(0, this.#count);
    return super.bytes();
  }

  /** The backing array (see BitWriter), header up to date. */
  override get buffer(): Uint8Array {
    this.setUint16(0, this.#count);
    return super.buffer;
  }

  /**
   * Grows to the size the chunk would reach at SAMPLES_PER_CHUNK samples at its bytes per
   * sample so far (a little more, never past a full chunk's size): series are regular, so
   * a chunk grows once or twice and ends with little slack, where doubling wastes a quarter
   * on average. An open chunk per series makes that slack the head's memory.
   */
  protected override grownCapacity(minimum: number): number {
    const used = this.byteLength;
    const later = Math.max(this.#count - 1, 1);
    const perSample = Math.max(used - FIRST_SAMPLE_BYTES, 1) / later;
    const expected = used + perSample * Math.max(SAMPLES_PER_CHUNK - this.#count, 1);
    const largest = MAX_CHUNK_BYTES + this.maxSampleBytes + READ_PADDING_BYTES;
    return Math.max(
      minimum,
      Math.min(capacityFor(expected), largest),
      Math.ceil(used * MIN_GROWTH),
    );
  }

  /** Continues writing after the samples of `padded`, as a reading iterator left them. */
  protected restoreTime(padded: Uint8Array, state: TimeState): void {
    // The padding bits after the last sample were checked to be zero; new bits go there.
    this.continueFrom(padded, state.bitLength);
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
