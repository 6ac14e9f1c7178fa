export type {
  Series,
  Querier,
  Queryable,
  LabeledSample,
  Appender,
  Appendable,
} from './interface.js';
export { mergeSeriesSets, mergeSamples, FanoutQueryable } from './merge.js';
