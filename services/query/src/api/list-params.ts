import { goQuote } from '@promethium/model';
import type { Matcher } from '@promethium/model';
import type { Expr } from '@promethium/promql';
import { ParseError, parseExpr } from '@promethium/promql';
import type { Request } from 'express';
import { ApiError, invalidParam } from './errors.js';
import { ParamError, parseTime } from './params.js';
import type { FormValue } from './params.js';

/**
 * Every value of a repeated parameter as Go's r.Form holds it: the form body's values,
 * then the query string's.
 */
export function formAll(req: Request, name: string): string[] {
  const body: unknown = req.body;
  const fromBody =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return [fromBody, req.query[name]].flatMap((v) =>
    (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'),
  );
}

/** Prometheus's default range of the label and series endpoints: as far as times go. */
export const ALL_TIME = { mint: Number.MIN_SAFE_INTEGER, maxt: Number.MAX_SAFE_INTEGER } as const;

// Go's formatting of Prometheus's MinTime and MaxTime; clients echo them back.
const MIN_TIME_TEXT = '-292273086-05-16T16:47:06Z';
const MAX_TIME_TEXT = '292277025-08-18T07:12:54.999999999Z';

/** An optional time parameter in ms: `fallback` when absent; errors worded as Prometheus's. */
export function optionalTime(form: FormValue, name: string, fallback: number): number {
  const text = form(name);
  if (text === '') return fallback;
  if (text === MIN_TIME_TEXT) return ALL_TIME.mint;
  if (text === MAX_TIME_TEXT) return ALL_TIME.maxt;
  try {
    return parseTime(text);
  } catch (err) {
    if (!(err instanceof ParamError)) throw err;
    throw invalidParam(name, `invalid time value for '${name}': ${err.message}`, err);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The `limit` parameter of the query, series and label endpoints: 0 (no limit) when absent;
 * errors worded as Go's strconv.Atoi. A limit past 2^53 cuts nothing, so it is kept as the
 * nearest number.
 */
export function limitParam(form: FormValue): number {
  const text = form('limit');
  if (text === '') return 0;
  if (!/^[+-]?\d+$/.test(text))
    throw invalidParam('limit', `strconv.Atoi: parsing ${goQuote(text)}: invalid syntax`);
  const limit = BigInt(text);
  if (limit < INT64_MIN || limit > INT64_MAX)
    throw invalidParam('limit', `strconv.Atoi: parsing ${goQuote(text)}: value out of range`);
  if (limit < 0n) throw invalidParam('limit', 'limit must be non-negative');
  return Number(limit);
}

/**
 * Parses `match[]` selectors into matcher sets (the parser already refuses a selector
 * whose matchers all match the empty value, as Prometheus does). Errors are bad_data;
 * `asParam` words them as an invalid "match[]" parameter (/series does, the label
 * endpoints do not).
 */
export function matcherSets(selectors: readonly string[], asParam: boolean): Matcher[][] {
  const fail = (message: string, cause?: unknown): ApiError =>
    asParam
      ? invalidParam('match[]', message, cause)
      : new ApiError('bad_data', message, { cause });
  return selectors.map((text) => {
    try {
      return [...parseSelector(text).matchers];
    } catch (err) {
      if (err instanceof ParseError) throw fail(err.message, err);
      throw err;
    }
  });
}

function parseSelector(text: string): Extract<Expr, { kind: 'VectorSelector' }> {
  const expr = parseExpr(text);
  if (expr.kind !== 'VectorSelector' || expr.offsetMs !== 0 || expr.at !== undefined)
    throw new ParseError(text, 0, `expected a series selector, got ${expr.kind}`);
  return expr;
}
