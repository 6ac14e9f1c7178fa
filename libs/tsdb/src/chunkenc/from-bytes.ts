import { ChunkEncoding } from './chunk.js';
import type { Chunk, ChunkIterator } from './chunk.js';
import { ChunkCorruptError } from './errors.js';
import { IntegerChunk } from './integer-chunk.js';
import { IntegerIterator } from './integer-iterator.js';
import type { TimedIterator } from './timed-iterator.js';
import { XorChunk } from './xor-chunk.js';
import { XorIterator } from './xor-iterator.js';

/**
 * Reopens a chunk stored as `bytes` in `encoding` (the bytes are copied); the result can
 * be read and appended to like the chunk that wrote them.
 * @throws ChunkCorruptError when the encoding is unknown or the bytes do not decode.
 */
export function chunkFromBytes(encoding: number, bytes: Uint8Array): Chunk {
  switch (encoding) {
    case ChunkEncoding.xor:
      return XorChunk.fromBytes(bytes);
    case ChunkEncoding.integer:
      return IntegerChunk.fromBytes(bytes);
    default:
      throw new ChunkCorruptError(`unknown chunk encoding ${encoding}`);
  }
}

/**
 * An iterator over a chunk stored as `bytes` in `encoding`, for reading only: unlike
 * chunkFromBytes it does not decode the chunk up front, so damage surfaces as a
 * ChunkCorruptError from next()/seek(). `reuse` is reused when it suits the encoding.
 * @throws ChunkCorruptError when the encoding is unknown or the bytes have no header.
 */
export function iteratorFromBytes(
  encoding: number,
  bytes: Uint8Array,
  reuse?: ChunkIterator,
): ChunkIterator {
  let it: TimedIterator;
  if (encoding === ChunkEncoding.xor) it = reuse instanceof XorIterator ? reuse : new XorIterator();
  else if (encoding === ChunkEncoding.integer) {
    it = reuse instanceof IntegerIterator ? reuse : new IntegerIterator();
  } else throw new ChunkCorruptError(`unknown chunk encoding ${encoding}`);
  it.resetOnBytes(bytes);
  return it;
}
