import { goQuote } from '@promethium/model';
import { BusError, RemoteError } from '@promethium/bus';
import type { QueryError } from '@promethium/promql';
import { StorageUnavailableError } from '@promethium/storage';

/** Prometheus's API error types. */
export type ApiErrorType =
  'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal' | 'unavailable';

const STATUS: Readonly<Record<ApiErrorType, number>> = {
  bad_data: 400,
  execution: 422,
  canceled: 499, // nginx's "client closed request", as Prometheus uses it
  timeout: 503,
  internal: 500,
  // Prometheus gives `unavailable` no status of its own (getDefaultErrorCode in
  // web/api/v1/api.go), so it falls to the default 500, not 503.
  unavailable: 500,
};

/** An error answered as `{"status":"error","errorType":type,"error":message}`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorType,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The HTTP status Prometheus answers this error type with. */
  get status(): number {
    return STATUS[this.code];
  }
}

/** A bad request parameter, worded as Prometheus: `invalid parameter "name": reason`. */
export function invalidParam(name: string, reason: string, cause?: unknown): ApiError {
  return new ApiError('bad_data', `invalid parameter ${goQuote(name)}: ${reason}`, { cause });
}

/**
 * Maps an engine failure: a query that cannot run is a bad "query" parameter; a storage
 * failure caused by an unavailable store (shard) is `unavailable`.
 */
export function fromQueryError(err: QueryError): ApiError {
  if (err.code === 'bad_data') return invalidParam('query', err.message, err);
  if (err.cause instanceof StorageUnavailableError)
    return new ApiError('unavailable', err.message, { cause: err });
  return new ApiError(err.code, err.message, { cause: err });
}

// Bus failures that mean a shard could not be reached at all, rather than that it failed.
const UNREACHABLE = new Set(['no_responders', 'unavailable', 'closed']);

/**
 * Maps a failed label or series read: an unreachable shard is `unavailable`, a shard that
 * went silent a `timeout`, a request the shard refused `bad_data`, anything else
 * `execution` (as Prometheus answers storage errors on these endpoints).
 */
export function fromStorageError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof StorageUnavailableError)
    return new ApiError('unavailable', message, { cause: err });
  if (err instanceof BusError) {
    if (UNREACHABLE.has(err.code)) return new ApiError('unavailable', message, { cause: err });
    if (err.code === 'timeout') return new ApiError('timeout', message, { cause: err });
    if (err instanceof RemoteError && err.code === 'bad_data')
      return new ApiError('bad_data', message, { cause: err });
  }
  return new ApiError('execution', message, { cause: err });
}
