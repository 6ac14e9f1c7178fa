export {
  Head,
  type HeadAppendResult,
  type HeadOptions,
  type PreparedBatch,
  type SeriesListener,
} from './head.js';
export { MemSeries, type RejectReason } from './mem-series.js';
