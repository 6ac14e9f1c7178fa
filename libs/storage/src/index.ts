export type {
  Querier,
  Queryable,
  Appender,
  Appendable,
  LabelQuerier,
  LabelQueryable,
  LabelPairCount,
  IndexStats,
  IndexStatsSource,
} from './interface.js';
export { mergeSeriesSets, mergeSamples, FanoutQueryable } from './merge.js';
export { FanoutLabelQueryable, mergeSortedUnique } from './label-merge.js';
export { FanoutIndexStats, sumIndexStats } from './stats-merge.js';
export { StorageUnavailableError } from './errors.js';
export type { FanoutOptions } from './partial.js';
