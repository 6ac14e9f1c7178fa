import { positionAt } from './position.js';
import type { Position } from './position.js';

/**
 * A query that is not valid PromQL (or uses syntax this engine does not support yet).
 * `message` is Prometheus's text, `<line>:<column>: parse error: <detail>`.
 */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  readonly code = 'parse_error';
  /** Where the error starts. */
  readonly position: Position;

  /** Builds the error for `detail` at `offset` in `input`. */
  constructor(
    readonly input: string,
    offset: number,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    // Prometheus cannot place a position in an empty query and says so.
    const where = input === '' ? 'unknown position' : formatPosition(positionAt(input, offset));
    super(`${where}: parse error: ${detail}`, options);
    this.position = positionAt(input, offset);
  }
}

function formatPosition(p: Position): string {
  return `${p.line}:${p.column}`;
}

/** The API error class of a failed query, as Prometheus's HTTP API names them. */
export type QueryErrorCode = 'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal';

/**
 * Why a query failed: `bad_data` for a query that cannot run (parse or type errors),
 * `execution` for a failure while running it (such as too many samples), `timeout`
 * and `canceled` for a deadline or an abort, `internal` for a storage failure.
 */
export class QueryError extends Error {
  override readonly name = 'QueryError';

  constructor(
    readonly code: QueryErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
