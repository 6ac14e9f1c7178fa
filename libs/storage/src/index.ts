export type { Querier, Queryable, Appender, Appendable } from './interface.js';
export { mergeSeriesSets, mergeSamples, FanoutQueryable } from './merge.js';
