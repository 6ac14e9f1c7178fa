import { goQuote } from '@promethium/model';
import type { Querier, Queryable } from '@promethium/storage';
import RE2 from 're2';
import { ParseError, QueryError } from '../errors.js';
import { FunctionArgumentError } from '../functions/errors.js';
import type { RegexCompiler } from '../functions/label-replace.js';
import { documentedType, valueTypeOf } from '../parser/ast.js';
import type { Expr } from '../parser/ast.js';
import type { ParseOptions } from '../parser/options.js';
import { parseExpr } from '../parser/parser.js';
import { Annotations } from './annotations.js';
import { evaluate } from './evaluate.js';
import { toResult } from './finish.js';
import { QueryGuard } from './guard.js';
import { resolveTimes } from './resolve.js';
import type { QueryTimes } from './resolve.js';
import type { QueryResult } from './result.js';
import { fetchWindow } from './window.js';

/** Engine limits; each defaults to Prometheus's default. */
export interface EngineOptions {
  /** How far back an instant selector looks for a sample (default 5 minutes). */
  lookbackDeltaMs?: number;
  /** Longest a query may run (default 2 minutes). */
  timeoutMs?: number;
  /** Most samples a query may hold in memory (default 50 million). */
  maxSamples?: number;
  /** The experimental syntax queries may use (default: none, as Prometheus). */
  parseOptions?: ParseOptions;
  /** The step of a subquery written without one, `x[5m:]` (default 1 minute). */
  defaultSubqueryStepMs?: number;
  /**
   * Whether rate, increase, irate and resets use samples' start timestamps (counter
   * resets, a zero point at the start instead of extrapolation) and start_timestamp()
   * returns them. Experimental, default false as in Prometheus, where
   * `--enable-feature=use-start-timestamps` turns it on.
   */
  useStartTimestamps?: boolean;
}

// RE2 runs in linear time, so no label_replace pattern can stall the engine.
const compileRegex: RegexCompiler = (source) => new RE2(source, 's');

/**
 * Evaluates PromQL against a Queryable. Every failure rejects with QueryError:
 * 'bad_data' for a query that cannot run, 'execution', 'timeout', 'canceled', or
 * 'internal' (a storage failure, with the storage's error, such as
 * StorageUnavailableError, as `cause`). The querier's warnings join the result's.
 * Safe to share between concurrent queries.
 */
export class Engine {
  readonly #lookbackMs: number;
  readonly #timeoutMs: number;
  readonly #maxSamples: number;
  readonly #parseOptions: ParseOptions;
  readonly #subqueryStepMs: number;
  readonly #useStartTimestamps: boolean;

  /** Throws RangeError for a limit that is not a positive number. */
  constructor(options: EngineOptions = {}) {
    this.#lookbackMs = positive('lookbackDeltaMs', options.lookbackDeltaMs ?? 5 * 60_000);
    this.#timeoutMs = positive('timeoutMs', options.timeoutMs ?? 2 * 60_000);
    this.#maxSamples = positive('maxSamples', options.maxSamples ?? 50_000_000);
    this.#parseOptions = options.parseOptions ?? {};
    this.#subqueryStepMs = positive(
      'defaultSubqueryStepMs',
      options.defaultSubqueryStepMs ?? 60_000,
    );
    this.#useStartTimestamps = options.useStartTimestamps ?? false;
  }

  /** Evaluates `expr` at `timeMs`; a range selector yields a matrix, a literal a scalar or string. */
  async instantQuery(
    q: Queryable,
    expr: string,
    timeMs: number,
    signal?: AbortSignal,
  ): Promise<QueryResult> {
    const ast = parse(expr, this.#parseOptions);
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
    const ast = parse(expr, this.#parseOptions);
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

  async #run(
    q: Queryable,
    ast: Expr,
    steps: QueryTimes,
    signal?: AbortSignal,
  ): Promise<QueryResult> {
    const guard = new QueryGuard({
      timeoutMs: this.#timeoutMs,
      maxSamples: this.#maxSamples,
      signal,
    });
    try {
      guard.check();
      const resolved = resolveTimes(ast, steps, this.#subqueryStepMs);
      const lookbackMs = this.#lookbackMs;
      const window = fetchWindow(resolved, steps.startMs, steps.endMs, lookbackMs);
      const querier = window ? q.querier(window.mint, window.maxt) : NO_SERIES;
      const annotations = new Annotations();
      const ctx = {
        ...steps,
        lookbackMs,
        querier,
        guard,
        annotations,
        compileRegex,
        query: steps,
        useStartTimestamps: this.#useStartTimestamps,
      };
      const value = await evaluate(resolved, ctx);
      // Storage warnings (shards left out of a partial answer) first, as they qualify all data.
      const warnings = [...(querier.warnings?.() ?? []), ...annotations.list()];
      return toResult(resolved, value, ctx, warnings);
    } catch (err) {
      if (err instanceof QueryError) throw err;
      if (err instanceof FunctionArgumentError) {
        throw new QueryError('execution', err.message, { cause: err });
      }
      if (guard.stopped) throw guard.abortError();
      // Anything else comes from storage, which Prometheus reports as an internal error;
      // the cause keeps its type so the API can tell an unavailable store apart.
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

function parse(expr: string, options: ParseOptions): Expr {
  try {
    return parseExpr(expr, options);
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
