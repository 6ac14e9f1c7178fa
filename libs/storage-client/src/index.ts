export { ShardedAppendable, shardOf } from './sharded-appender.js';
export {
  DEFAULT_WRITE_BUFFER_SAMPLES,
  DEFAULT_WRITE_MAX_RETRY_DURATION_MS,
  type ShardedWriteOptions,
  type WriteLogger,
} from './write-options.js';
export { ShardQueryable, shardedQueryable } from './shard-queryable.js';
export { ShardLabelQueryable, shardedLabelQueryable } from './shard-labels.js';
export type { ShardReadOptions } from './shard-errors.js';
