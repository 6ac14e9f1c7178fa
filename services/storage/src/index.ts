export {
  startStorageShard,
  type StorageShard,
  type StorageShardOptions,
  type TsdbSettings,
} from './shard.js';
export { answerSelect, type ChunkSelectable } from './select-answer.js';
