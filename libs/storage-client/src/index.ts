export { ShardedAppendable, shardOf } from './sharded-appender.js';
export { ShardQueryable, shardedQueryable } from './shard-queryable.js';
export { ShardLabelQueryable, shardedLabelQueryable } from './shard-labels.js';
export type { ShardReadOptions } from './shard-errors.js';
