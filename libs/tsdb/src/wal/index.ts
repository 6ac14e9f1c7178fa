export { WriteAheadLog, WAL_TABLE_SQL, type LoggedRecord, type WalCorruption } from './log.js';
export {
  encodeWalRecord,
  decodeWalRecord,
  encodeLabels,
  decodeLabels,
  type WalRecord,
  type RefSeries,
  type RefSample,
} from './record.js';
