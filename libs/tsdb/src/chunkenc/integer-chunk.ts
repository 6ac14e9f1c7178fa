import { ChunkEncoding } from './chunk.js';
import type { ChunkIterator } from './chunk.js';
import { ChunkAppendError } from './errors.js';
import { IntegerIterator } from './integer-iterator.js';
import {
  IntegerRun,
  isIntegerValue,
  writeIntegerValue,
  writeStaleMarker,
} from './integer-values.js';
import { TimedChunk, readForAppend } from './timed-chunk.js';

/** Bytes a new chunk allocates; integer samples are small, and it grows as needed. */
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
export class IntegerChunk extends TimedChunk<IntegerIterator> {
  /** Always ChunkEncoding.integer. */
  readonly encoding = ChunkEncoding.integer;
  readonly #run = new IntegerRun();

  /** An empty chunk; `initialCapacity` bytes suit a chunk expected to grow that large (capacityFor). */
  constructor(initialCapacity = INITIAL_CAPACITY) {
    super(initialCapacity, MAX_INTEGER_SAMPLE_BYTES);
  }

  /**
   * Reopens an encoded chunk (the bytes are copied), decoding every sample once to
   * validate the bytes and restore the append state.
   * @throws ChunkCorruptError when the bytes do not decode.
   */
  static fromBytes(bytes: Uint8Array): IntegerChunk {
    const { padded, state } = readForAppend(bytes, new IntegerIterator());
    const chunk = new IntegerChunk();
    chunk.restoreTime(padded, state);
    chunk.#run.copy(state.run);
    return chunk;
  }

  /**
   * Appends a sample; `stale` stores a staleness marker (whatever `v` is).
   * @throws ChunkAppendError when the chunk is full, `t` is not a safe integer after the
   * last sample's time, or `v` is not an integer value (see isIntegerValue).
   */
  append(t: number, v: number, stale = false): void {
    this.checkAppend(t);
    if (!stale && !isIntegerValue(v)) {
      throw new ChunkAppendError(`value ${v} is not an integer below 2^53 in magnitude`);
    }
    this.writeTime(t);
    if (stale) writeStaleMarker(this);
    else writeIntegerValue(this, this.#run, v);
    this.endAppend(t);
  }

  protected ownIterator(reuse?: ChunkIterator): IntegerIterator {
    return reuse instanceof IntegerIterator ? reuse : new IntegerIterator();
  }
}
