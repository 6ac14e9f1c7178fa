import { TsdbError } from '../errors.js';

/**
 * The bytes of a chunk do not decode: truncated, a bad header, an impossible field, or
 * bytes left over after the last sample. Bit flips that still decode (a value bit, say)
 * cannot be seen here; checksums belong to whatever stores the chunk.
 */
export class ChunkCorruptError extends TsdbError {
  override readonly name = 'ChunkCorruptError';
  override readonly code = 'chunk_corrupt';
}

/** A sample the chunk refuses: the chunk is full, or the timestamp is not usable. */
export class ChunkAppendError extends TsdbError {
  override readonly name = 'ChunkAppendError';
  override readonly code = 'chunk_append_rejected';
}
