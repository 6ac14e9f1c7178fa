import type { Engine, QueryResult } from '@promethium/promql';
import type { Queryable } from '@promethium/storage';
import type { Request, Response } from 'express';
import type { EngineMetrics } from './engine-metrics.js';
import { ApiError, invalidParam } from './errors.js';
import { queryData, successBody, send } from './json.js';
import { limitParam } from './list-params.js';
import { truncate } from './truncate.js';
import { ParamError, formValues, parseDurationNs, parseTime } from './params.js';
import type { FormValue } from './params.js';
import type { QueryGate } from './query-gate.js';
import { RequestSignal } from './signal.js';

/** What the query handlers need. */
export interface QueryDeps {
  readonly engine: Engine;
  readonly queryable: Queryable;
  /** Current time in milliseconds; the default evaluation time of /query. */
  readonly now: () => number;
  /** Bounds how many queries evaluate at once; the others wait. */
  readonly gate: QueryGate;
  /** The longest a query may wait for a slot and run (the engine's timeout). */
  readonly timeoutMs: number;
  /** Where queue and evaluation times go; none are kept when absent. */
  readonly metrics?: EngineMetrics;
}

// Prometheus's cap on points per series in a range query.
const MAX_POINTS = 11_000;
const NS_PER_MS = 1e6;

/**
 * GET/POST /query: `query`, optional `time` (default now), `timeout` and `limit` (most
 * series returned, 0 for all).
 */
export async function instantQuery(deps: QueryDeps, req: Request, res: Response): Promise<void> {
  const form = formValues(req);
  const limit = limitParam(form);
  const time = form('time');
  const timeMs =
    time === '' ? Math.floor(deps.now()) : param('time', () => parseTime(time), 'time');
  await answer(deps, res, { timeoutMs: timeoutParam(form), limit }, (signal) =>
    deps.engine.instantQuery(deps.queryable, form('query'), timeMs, signal),
  );
}

/** GET/POST /query_range: `query`, `start`, `end`, `step`, optional `timeout` and `limit`. */
export async function rangeQuery(deps: QueryDeps, req: Request, res: Response): Promise<void> {
  const form = formValues(req);
  const limit = limitParam(form);
  const startMs = param('start', () => parseTime(form('start')));
  const endMs = param('end', () => parseTime(form('end')));
  if (endMs < startMs) throw invalidParam('end', 'end timestamp must not be before start time');
  const stepNs = param('step', () => parseDurationNs(form('step')));
  // A step under a millisecond is zero at the engine's resolution.
  if (stepNs < NS_PER_MS) {
    throw invalidParam(
      'step',
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  }
  if (Math.trunc(((endMs - startMs) * NS_PER_MS) / stepNs) > MAX_POINTS) {
    throw new ApiError(
      'bad_data',
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
  const stepMs = Math.trunc(stepNs / NS_PER_MS);
  await answer(deps, res, { timeoutMs: timeoutParam(form), limit }, (signal) =>
    deps.engine.rangeQuery(deps.queryable, form('query'), startMs, endMs, stepMs, signal),
  );
}

/** Parses parameter `name`; a ParamError becomes a bad_data answer naming it. */
function param<T>(name: string, parse: () => T, wrapAs?: string): T {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ParamError)) throw err;
    // Prometheus words an explicit `time` error with one more layer.
    const reason = wrapAs ? `invalid time value for '${wrapAs}': ${err.message}` : err.message;
    throw invalidParam(name, reason, err);
  }
}

function timeoutParam(form: FormValue): number | undefined {
  const text = form('timeout');
  return text === '' ? undefined : param('timeout', () => parseDurationNs(text)) / NS_PER_MS;
}

/** What a request asks of its query beyond the expression: `timeout` and `limit`. */
interface QueryOptions {
  readonly timeoutMs: number | undefined;
  /** Most series to return; 0 returns all. */
  readonly limit: number;
}

async function answer(
  deps: QueryDeps,
  res: Response,
  options: QueryOptions,
  run: (signal: AbortSignal) => Promise<QueryResult>,
): Promise<void> {
  // As Prometheus, the time spent waiting for a slot counts against the query's timeout.
  const deadlineMs = Math.min(options.timeoutMs ?? Infinity, deps.timeoutMs);
  const request = new RequestSignal(res, deadlineMs);
  try {
    const result = truncate(await gated(deps, request.signal, run), options.limit);
    send(res, 200, successBody(queryData(result), result.warnings));
  } finally {
    request.dispose();
  }
}

/** Runs the query once the gate grants it a slot, timing the wait and the evaluation. */
async function gated(
  deps: QueryDeps,
  signal: AbortSignal,
  run: (signal: AbortSignal) => Promise<QueryResult>,
): Promise<QueryResult> {
  const queued = performance.now();
  let admitted: number | undefined;
  try {
    return await deps.gate.run(signal, async () => {
      // inner_eval is the whole engine call: it parses, selects and sorts within it.
      admitted = performance.now();
      deps.metrics?.observe('queue_time', admitted - queued);
      try {
        return await run(signal);
      } finally {
        deps.metrics?.observe('inner_eval', performance.now() - admitted);
      }
    });
  } finally {
    // A query that left the queue without a slot waited all the same, as Prometheus counts it.
    if (admitted === undefined) deps.metrics?.observe('queue_time', performance.now() - queued);
  }
}
