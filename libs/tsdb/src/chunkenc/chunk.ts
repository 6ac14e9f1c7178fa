/**
 * How a chunk's bytes are encoded, stored beside them (Prometheus keeps its chunk
 * encoding outside the chunk bytes too): 1 is Prometheus's XOR encoding, 2 the
 * integer encoding of IntegerChunk.
 */
export const ChunkEncoding = { xor: 1, integer: 2 } as const;

/** One of ChunkEncoding's values. */
export type ChunkEncoding = (typeof ChunkEncoding)[keyof typeof ChunkEncoding];

/**
 * Walks a chunk sample by sample: after `next()` or `seek()` returns true, `t`, `v` and
 * `isStale` describe the current sample.
 * @throws ChunkCorruptError from next()/seek() when the bytes do not decode.
 */
export interface ChunkIterator {
  /** Moves to the next sample; false once past the last. */
  next(): boolean;
  /** Moves forward to the first sample at or after `t` (never back); false when none is left. */
  seek(t: number): boolean;
  /** The current sample's time in milliseconds. */
  readonly t: number;
  /** The current sample's value; NaN for a staleness marker. */
  readonly v: number;
  /** Whether the current sample is a staleness marker. */
  readonly isStale: boolean;
}

/**
 * A chunk of one series' samples, up to SAMPLES_PER_CHUNK of them with strictly
 * increasing integer millisecond timestamps, appended in order.
 */
export interface Chunk {
  /** The encoding of `bytes()`, for chunkFromBytes. */
  readonly encoding: ChunkEncoding;
  /**
   * Appends a sample; `stale` stores a staleness marker (whatever `v` is).
   * @throws ChunkAppendError when the chunk is full or refuses the sample.
   */
  append(t: number, v: number, stale?: boolean): void;
  /** Whether the chunk is full; a full chunk refuses appends. */
  isFull(): boolean;
  /** The number of samples. */
  numSamples(): number;
  /** The first sample's time, or undefined while the chunk is empty. */
  minTime(): number | undefined;
  /** The last sample's time, or undefined while the chunk is empty. */
  maxTime(): number | undefined;
  /** The encoded samples, exact length; a view that later appends change. */
  bytes(): Uint8Array;
  /**
   * An iterator over the samples present now; `reuse` is reused when it is this
   * encoding's iterator, else a new one is made.
   */
  iterator(reuse?: ChunkIterator): ChunkIterator;
}
