export { XorChunk } from './xor-chunk.js';
export { XorIterator } from './xor-iterator.js';
export { decodeAll, type DecodedSamples } from './decode.js';
export { ChunkAppendError, ChunkCorruptError } from './errors.js';
export { MAX_CHUNK_BYTES, SAMPLES_PER_CHUNK } from './limits.js';
