import type { Chunk, ChunkIterator } from './chunk.js';

/** A whole chunk's samples as parallel arrays. */
export interface DecodedSamples {
  /** Sample times in milliseconds, ascending. */
  readonly times: Float64Array;
  /** Sample values; NaN where `stale` is set. */
  readonly values: Float64Array;
  /** 1 where the sample is a staleness marker, else 0. */
  readonly stale: Uint8Array;
}

/**
 * Decodes every sample of `chunk` for bulk reads; pass an iterator to reuse it.
 * @throws ChunkCorruptError when the chunk does not decode.
 */
export function decodeAll(chunk: Chunk, reuse?: ChunkIterator): DecodedSamples {
  const n = chunk.numSamples();
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  const stale = new Uint8Array(n);
  const it = chunk.iterator(reuse);
  for (let i = 0; it.next(); i++) {
    times[i] = it.t;
    if (it.isStale) {
      values[i] = Number.NaN;
      stale[i] = 1;
    } else {
      values[i] = it.v;
    }
  }
  return { times, values, stale };
}
