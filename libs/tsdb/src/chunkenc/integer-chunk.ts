import { BitWriter, READ_PADDING_BYTES } from './bit-writer.js';
import { ChunkEncoding } from './chunk.js';
import type { Chunk, ChunkIterator } from './chunk.js';
import { writeTimeDod } from './dod-buckets.js';
import { ChunkAppendError, ChunkCorruptError } from './errors.js';
import { IntegerIterator } from './integer-iterator.js';
import type { IntegerAppendState } from './integer-iterator.js';
import {
  IntegerRun,
  isIntegerValue,
  writeIntegerValue,
  writeStaleMarker,
} from './integer-values.js';
import { CHUNK_HEADER_BYTES, MAX_CHUNK_BYTES, SAMPLES_PER_CHUNK } from './limits.js';
import { checkNextTime } from './time-order.js';
import { writeUvarint, writeVarint } from './varint.js';

/** Bytes a new chunk allocates; integer samples are small, and it doubles as needed. */
const INITIAL_CAPACITY = 64;

/**
 * The most a single append can add, in bytes: a 64-bit timestamp dod with its 4-bit
 * prefix plus a whole value with its 7-bit prefix, 129 bits.
 */
export const MAX_INTEGER_SAMPLE_BYTES = 17;

/**
 * A chunk of integer-valued samples (|v| < 2^53, not -0) and staleness markers: the XOR
 * encoding's header and timestamps (count, varint first time, uvarint first delta, then
 * prefix-coded dods), with each value as the delta of delta of the integers in
 * prefix-coded buckets (see integer-values.ts). A counter that grows by similar amounts
 * costs a few bits a sample where XOR needs a changed-value window.
 */
export class IntegerChunk implements Chunk {
  /** Always ChunkEncoding.integer. */
  readonly encoding = ChunkEncoding.integer;
  #w: BitWriter;
  #count = 0;
  #firstT = 0;
  #lastT = 0;
  #delta = 0;
  readonly #run = new IntegerRun();

  /** An empty chunk. */
  constructor() {
    this.#w = new BitWriter(CHUNK_HEADER_BYTES, INITIAL_CAPACITY);
  }

  /**
   * Reopens an encoded chunk (the bytes are copied), decoding every sample once to
   * validate the bytes and restore the append state.
   * @throws ChunkCorruptError when the bytes do not decode.
   */
  static fromBytes(bytes: Uint8Array): IntegerChunk {
    if (bytes.length < CHUNK_HEADER_BYTES) {
      throw new ChunkCorruptError(`chunk of ${bytes.length} bytes has no header`);
    }
    const padded = new Uint8Array(bytes.length + READ_PADDING_BYTES);
    padded.set(bytes);
    const it = new IntegerIterator();
    it.reset(padded, (bytes[0]! << 8) | bytes[1]!, bytes.length * 8);
    while (it.next());
    const chunk = new IntegerChunk();
    chunk.#restore(padded, it.appendState());
    return chunk;
  }

  /**
   * Appends a sample; `stale` stores a staleness marker (whatever `v` is).
   * @throws ChunkAppendError when the chunk is full, `t` is not a safe integer after the
   * last sample's time, or `v` is not an integer value (see isIntegerValue).
   */
  append(t: number, v: number, stale = false): void {
    this.#checkAppend(t, v, stale);
    const w = this.#w;
    if (this.#count === 0) {
      writeVarint(w, t);
      this.#firstT = t;
    } else if (this.#count === 1) {
      this.#delta = t - this.#lastT;
      writeUvarint(w, this.#delta);
    } else {
      const delta = t - this.#lastT;
      writeTimeDod(w, delta - this.#delta);
      this.#delta = delta;
    }
    if (stale) writeStaleMarker(w);
    else writeIntegerValue(w, this.#run, v);
    this.#lastT = t;
    this.#count++;
    w.setUint16(0, this.#count);
  }

  /** Whether the chunk is full: SAMPLES_PER_CHUNK samples, or too close to MAX_CHUNK_BYTES. */
  isFull(): boolean {
    return (
      this.#count >= SAMPLES_PER_CHUNK ||
      this.#w.byteLength > MAX_CHUNK_BYTES - MAX_INTEGER_SAMPLE_BYTES
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
   * IntegerIterator to reuse it instead of allocating.
   */
  iterator(reuse?: ChunkIterator): IntegerIterator {
    const it = reuse instanceof IntegerIterator ? reuse : new IntegerIterator();
    it.reset(this.#w.buffer, this.#count, this.#w.bitLength);
    return it;
  }

  #checkAppend(t: number, v: number, stale: boolean): void {
    if (this.isFull()) {
      throw new ChunkAppendError(
        `chunk is full (${this.#count} samples, ${this.#w.byteLength} bytes)`,
      );
    }
    checkNextTime(t, this.#count, this.#lastT);
    if (!stale && !isIntegerValue(v)) {
      throw new ChunkAppendError(`value ${v} is not an integer below 2^53 in magnitude`);
    }
  }

  #restore(padded: Uint8Array, state: IntegerAppendState): void {
    // The padding bits after the last sample were checked to be zero; new bits go there.
    this.#w = BitWriter.adopt(padded, state.bitLength);
    this.#count = state.count;
    this.#firstT = state.firstT;
    this.#lastT = state.lastT;
    this.#delta = state.delta;
    this.#run.copy(state.run);
  }
}
