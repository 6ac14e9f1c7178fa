/** Every error this package raises; `code` is stable and safe to map to API errors. */
export class TsdbError extends Error {
  override readonly name: string = 'TsdbError';
  readonly code: string = 'tsdb_error';
}

/** The store was used after close(). */
export class StoreClosedError extends TsdbError {
  override readonly name = 'StoreClosedError';
  override readonly code = 'store_closed';

  constructor(operation: string) {
    super(`cannot ${operation}: the store is closed`);
  }
}

/** A sample that cannot be stored; `index` is its position in the batch, and nothing was written. */
export class InvalidSampleError extends TsdbError {
  override readonly name = 'InvalidSampleError';
  override readonly code = 'invalid_sample';

  constructor(
    readonly index: number,
    reason: string,
  ) {
    super(`invalid sample at index ${index} of the batch: ${reason}`);
  }
}

/** The store's directory or database could not be opened. */
export class StoreOpenError extends TsdbError {
  override readonly name = 'StoreOpenError';
  override readonly code = 'store_open_failed';
}

/** SQLite failed while writing a batch; the transaction was rolled back and nothing was written. */
export class StoreWriteError extends TsdbError {
  override readonly name = 'StoreWriteError';
  override readonly code = 'write_failed';
}
