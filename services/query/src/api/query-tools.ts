import { ParseError, parseExpr, prettify } from '@promethium/promql';
import type { Expr } from '@promethium/promql';
import type { Request, Response } from 'express';
import { ApiError, invalidParam } from './errors.js';
import { jsonString, send, successBody } from './json.js';
import { ALL_TIME, optionalTime } from './list-params.js';
import { formValues } from './params.js';

/**
 * GET/POST /query_exemplars: checks `query`, `start`, `end` as Prometheus does and answers
 * an empty list, as Prometheus does without exemplar storage; a query without a series
 * selector gets no `data` at all, as in Prometheus.
 */
export function queryExemplars(req: Request, res: Response): void {
  const form = formValues(req);
  const start = optionalTime(form, 'start', ALL_TIME.mint);
  const end = optionalTime(form, 'end', ALL_TIME.maxt);
  if (end < start)
    throw new ApiError('bad_data', 'end timestamp must not be before start timestamp');
  const expr = parse(form('query'), (err) => new ApiError('bad_data', err.message, { cause: err }));
  if (!hasSelector(expr)) return void send(res, 200, '{"status":"success"}');
  send(res, 200, successBody('[]', []));
}

/**
 * GET/POST /format_query: the query as Prometheus's pretty printer writes it, split over
 * indented lines wherever a part is longer than 100 bytes.
 */
export function formatQuery(req: Request, res: Response): void {
  const expr = parse(formValues(req)('query'), queryParamError);
  send(res, 200, successBody(jsonString(prettify(expr)), []));
}

/** Parses a query; a ParseError becomes the ApiError `wrap` makes of it. */
export function parse(text: string, wrap: (err: ParseError) => ApiError): Expr {
  try {
    return parseExpr(text);
  } catch (err) {
    if (err instanceof ParseError) throw wrap(err);
    throw err;
  }
}

/** A parse error as a bad "query" parameter. */
export function queryParamError(err: ParseError): ApiError {
  return invalidParam('query', err.message, err);
}

function hasSelector(e: Expr | undefined): boolean {
  if (e === undefined) return false;
  switch (e.kind) {
    case 'VectorSelector':
    case 'MatrixSelector':
      return true;
    case 'NumberLiteral':
    case 'StringLiteral':
      return false;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      return hasSelector(e.expr);
    case 'BinaryExpr':
      return hasSelector(e.lhs) || hasSelector(e.rhs);
    case 'AggregateExpr':
      return hasSelector(e.expr) || hasSelector(e.param);
    case 'Call':
      return e.args.some(hasSelector);
  }
}
