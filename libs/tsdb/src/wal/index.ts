export { WriteAheadLog, WAL_TABLE_SQL, type LoggedRecord, type WalCorruption } from './log.js';
export {
  WalRecordEncoder,
  decodeWalRecord,
  encodeLabels,
  decodeLabels,
  type WalRecord,
  type RefSeries,
} from './record.js';
export { RefSamples } from './ref-samples.js';
