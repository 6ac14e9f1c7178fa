import { Labels, compareLabels, goQuote } from '@promethium/model';
import type { Querier, Queryable } from '@promethium/storage';
import { ParseError, QueryError } from '../errors.js';
import { documentedType, valueTypeOf } from '../parser/ast.js';
import type { Expr } from '../parser/ast.js';
import { parseExpr } from '../parser/parser.js';
import { stepCount } from './context.js';
import type { EvalContext } from './context.js';
import { evaluate } from './evaluate.js';
import type { EvalValue } from './evaluate.js';
import { QueryGuard } from './guard.js';
import type { Point, QueryResult } from './result.js';
import { fetchWindow } from './window.js';

/** Engine limits; each defaults to Prometheus's default. */
export interface EngineOptions {
  /** How far back an instant selector looks for a sample (default 5 minutes). */
  lookbackDeltaMs?: number;
  /** Longest a query may run (default 2 minutes). */
  timeoutMs?: number;
  /** Most samples a query may hold in memory (default 50 million). */
  maxSamples?: number;
}

type Steps = Pick<EvalContext, 'startMs' | 'endMs' | 'stepMs'>;

/**
 * Evaluates PromQL against a Queryable. Every failure rejects with QueryError:
 * 'bad_data' for a query that cannot run, 'execution', 'timeout', 'canceled', or
 * 'internal' (a storage failure). Safe to share between concurrent queries.
 */
export class Engine {
  readonly #lookbackMs: number;
  readonly #timeoutMs: number;
  readonly #maxSamples: number;

  /** Throws RangeError for a limit that is not a positive number. */
  constructor(options: EngineOptions = {}) {
    this.#lookbackMs = positive('lookbackDeltaMs', options.lookbackDeltaMs ?? 5 * 60_000);
    this.#timeoutMs = positive('timeoutMs', options.timeoutMs ?? 2 * 60_000);
    this.#maxSamples = positive('maxSamples', options.maxSamples ?? 50_000_000);
  }

  /** Evaluates `expr` at `timeMs`; a range selector yields a matrix, a literal a scalar or string. */
  async instantQuery(
    q: Queryable,
    expr: string,
    timeMs: number,
    signal?: AbortSignal,
  ): Promise<QueryResult> {
    const ast = parse(expr);
    requireTimestamp('time', timeMs);
    return this.#run(q, ast, { startMs: timeMs, endMs: timeMs, stepMs: 0 }, signal);
  }

  /** Evaluates `expr` at start, start + step, … up to end; the result is always a matrix. */
  async rangeQuery(
    q: Queryable,
    expr: string,
    startMs: number,
    endMs: number,
    stepMs: number,
    signal?: AbortSignal,
  ): Promise<QueryResult> {
    const ast = parse(expr);
    const type = valueTypeOf(ast);
    if (type !== 'vector' && type !== 'scalar') {
      throw new QueryError(
        'bad_data',
        `invalid expression type ${goQuote(documentedType(type))} for range query, must be Scalar or instant Vector`,
      );
    }
    requireTimestamp('start', startMs);
    requireTimestamp('end', endMs);
    if (endMs < startMs)
      throw new QueryError('bad_data', 'end timestamp must not be before start time');
    if (!(stepMs >= 1) || !Number.isSafeInteger(stepMs)) {
      throw new QueryError(
        'bad_data',
        'zero or negative query resolution step widths are not accepted. Try a positive integer',
      );
    }
    return this.#run(q, ast, { startMs, endMs, stepMs }, signal);
  }

  async #run(q: Queryable, ast: Expr, steps: Steps, signal?: AbortSignal): Promise<QueryResult> {
    const guard = new QueryGuard({
      timeoutMs: this.#timeoutMs,
      maxSamples: this.#maxSamples,
      signal,
    });
    try {
      guard.check();
      const querier = openQuerier(q, ast, { ...steps, lookbackMs: this.#lookbackMs });
      const value = await evaluate(ast, { ...steps, lookbackMs: this.#lookbackMs, querier, guard });
      return toResult(value, steps, guard);
    } catch (err) {
      if (err instanceof QueryError) throw err;
      if (guard.stopped) throw guard.abortError();
      // Anything else comes from storage, which Prometheus reports as an internal error.
      throw new QueryError('internal', (err as Error).message ?? String(err), { cause: err });
    } finally {
      guard.dispose();
    }
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

function parse(expr: string): Expr {
  try {
    return parseExpr(expr);
  } catch (err) {
    if (err instanceof ParseError) throw new QueryError('bad_data', err.message, { cause: err });
    throw err;
  }
}

function requireTimestamp(name: string, ms: number): void {
  if (!Number.isSafeInteger(ms)) {
    throw new QueryError(
      'bad_data',
      `${name} must be an integer number of milliseconds, got ${ms}`,
    );
  }
}

const NO_SERIES: Querier = {
  // eslint-disable-next-line require-yield
  async *select() {
    return;
  },
};

function openQuerier(q: Queryable, ast: Expr, times: Parameters<typeof fetchWindow>[1]): Querier {
  const window = fetchWindow(ast, times);
  return window ? q.querier(window.mint, window.maxt) : NO_SERIES;
}

function toResult(value: EvalValue, steps: Steps, guard: QueryGuard): QueryResult {
  const warnings: string[] = [];
  const instant = steps.stepMs === 0;
  switch (value.kind) {
    case 'string':
      return { kind: 'string', t: steps.startMs, v: value.value, warnings };
    case 'scalar':
      if (instant) return { kind: 'scalar', t: steps.startMs, v: value.value, warnings };
      return { kind: 'matrix', series: [scalarSeries(value.value, steps, guard)], warnings };
    case 'matrix':
      return { kind: 'matrix', series: [...value.series].sort(byLabels), warnings };
    case 'vector': {
      const series = [...value.series].sort(byLabels);
      if (!instant)
        return {
          kind: 'matrix',
          series: series.map((s) => ({ labels: s.labels, samples: s.points })),
          warnings,
        };
      return {
        kind: 'vector',
        series: series.map((s) => ({ labels: s.labels, ...s.points[0]! })),
        warnings,
      };
    }
  }
}

function scalarSeries(
  v: number,
  steps: Steps,
  guard: QueryGuard,
): { labels: Labels; samples: Point[] } {
  const count = stepCount(steps);
  guard.addSamples(count);
  const samples = Array.from({ length: count }, (_, i) => ({
    t: steps.startMs + i * steps.stepMs,
    v,
  }));
  return { labels: Labels.EMPTY, samples };
}

function byLabels(a: { labels: Labels }, b: { labels: Labels }): number {
  return compareLabels(a.labels, b.labels);
}
