import { ChunkEncoding } from './chunk.js';
import type { Chunk } from './chunk.js';
import { ChunkCorruptError } from './errors.js';
import { IntegerChunk } from './integer-chunk.js';
import { XorChunk } from './xor-chunk.js';

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
