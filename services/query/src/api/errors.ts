import { goQuote } from '@promethium/model';
import type { QueryError } from '@promethium/promql';

/** Prometheus's API error types. */
export type ApiErrorType = 'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal';

const STATUS: Readonly<Record<ApiErrorType, number>> = {
  bad_data: 400,
  execution: 422,
  canceled: 499, // nginx's "client closed request", as Prometheus uses it
  timeout: 503,
  internal: 500,
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

/** Maps an engine failure: a query that cannot run is a bad "query" parameter. */
export function fromQueryError(err: QueryError): ApiError {
  if (err.code === 'bad_data') return invalidParam('query', err.message, err);
  return new ApiError(err.code, err.message, { cause: err });
}
