export { startStorageShard, type StorageShard, type StorageShardOptions } from './shard.js';
