export {
  TsdbError,
  StoreClosedError,
  InvalidSampleError,
  StoreOpenError,
  StoreWriteError,
} from './errors.js';
export {
  ChunkEncoding,
  type Chunk,
  type ChunkIterator,
  XorChunk,
  XorIterator,
  IntegerChunk,
  IntegerIterator,
  chunkFromBytes,
  appendToHeadChunk,
  decodeAll,
  type DecodedSamples,
  ChunkAppendError,
  ChunkCorruptError,
  MAX_CHUNK_BYTES,
  SAMPLES_PER_CHUNK,
} from './chunkenc/index.js';
export {
  MemPostings,
  SymbolTable,
  postingsForMatchers,
  type PostingsIndex,
  type PostingsStats,
  type Stat,
} from './index/index.js';
export { openTsdb, TSDB_FILE, type TsdbOptions } from './db/open.js';
export { Tsdb, type TsdbCounters } from './db/tsdb.js';
export type { ChunkSeries, EncodedChunk } from './db/select-chunks.js';
export { chunksToSamples } from './db/read-series.js';
export type { RetentionPolicy, RetentionResult } from './db/retention.js';
export type { CheckpointResult } from './db/checkpoint.js';
export type { HeadAppendResult, RejectReason } from './head/index.js';
