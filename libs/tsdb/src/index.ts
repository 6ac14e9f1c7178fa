export { openSqliteStore, DB_FILE, type SqliteStoreOptions } from './open-store.js';
export { SqliteStore } from './sqlite-store.js';
export type { AppendResult } from './appender.js';
export {
  TsdbError,
  StoreClosedError,
  InvalidSampleError,
  StoreOpenError,
  StoreWriteError,
} from './errors.js';
