import { QueryError } from '@promethium/promql';
import type { Engine, QueryResult } from '@promethium/promql';
import type { Queryable } from '@promethium/storage';
import type { EvalCommand, TimeGrid } from '../script/types.js';
import { atVariants } from './at-variants.js';
import { checkAnnotations, describeMatcher, textMatches } from './annotations.js';
import { checkSorted, compareResult, compareScalar, compareVector } from './compare.js';

// Queries whose value depends on the query's own range cannot be re-run as a range query.
const QUERY_CONTEXT_FUNCTIONS = /(start|end|range|step)\(\)/;
const MINUTE = 60_000;

/** What the runner needs of an engine; Engine from @promethium/promql satisfies it. */
export type QueryEngine = Pick<Engine, 'instantQuery' | 'rangeQuery'>;

type Outcome = { readonly result: QueryResult } | { readonly error: unknown };

/** Which of upstream's extra checks runEval runs on instant evals. */
export interface ExtraChecks {
  /** Re-run as a range query from t−1m to t+1m step 1m; the middle step must match. */
  readonly range: boolean;
  /** Re-run with every selector pinned by @ at other times (see atVariants); all must match. */
  readonly at: boolean;
}

/**
 * Runs one eval and returns why it failed, or undefined when it passed. A query
 * error passes only under `expect fail` (every fail matcher must accept the error
 * text); an error that is not a QueryError is an engine bug and always fails.
 * A passing instant eval then goes through the extra checks, as the upstream harness does.
 */
export async function runEval(
  engine: QueryEngine,
  q: Queryable,
  cmd: EvalCommand,
  checks: ExtraChecks,
): Promise<string | undefined> {
  const problem = await runOnce(engine, q, cmd, checks.range);
  if (problem || !checks.at || cmd.query.kind !== 'instant') return problem;
  for (const v of atVariants(cmd.expr, cmd.query.timeMs)) {
    const variant: EvalCommand = {
      ...cmd,
      expr: v.expr,
      query: { kind: 'instant', timeMs: v.timeMs },
    };
    const failure = await runOnce(engine, q, variant, checks.range);
    if (failure) return `step invariance (${v.expr} at ${v.timeMs}ms): ${failure}`;
  }
  return undefined;
}

async function runOnce(
  engine: QueryEngine,
  q: Queryable,
  cmd: EvalCommand,
  rangeCheck: boolean,
): Promise<string | undefined> {
  const outcome = await attempt(() => query(engine, q, cmd));
  if ('error' in outcome) return judgeError(cmd, outcome.error);
  if (cmd.expect.fail)
    return `expected the query to fail, but it returned a ${outcome.result.kind}`;
  const problem =
    checkAnnotations(cmd.expect, outcome.result.warnings) ??
    compareResult(cmd, outcome.result, gridOf(cmd));
  if (problem || !rangeCheck || !rangeCheckApplies(cmd)) return problem;
  return checkRangeMode(engine, q, cmd, outcome.result);
}

function query(engine: QueryEngine, q: Queryable, cmd: EvalCommand): Promise<QueryResult> {
  const { query: at } = cmd;
  if (at.kind === 'instant') return engine.instantQuery(q, cmd.expr, at.timeMs);
  return engine.rangeQuery(q, cmd.expr, at.startMs, at.endMs, at.stepMs);
}

async function attempt(run: () => Promise<QueryResult>): Promise<Outcome> {
  try {
    return { result: await run() };
  } catch (error) {
    return { error };
  }
}

function judgeError(cmd: EvalCommand, error: unknown): string | undefined {
  if (!(error instanceof QueryError)) return `engine crashed: ${describeError(error)}`;
  if (!cmd.expect.fail) return `query failed: ${error.message}`;
  const rejected = cmd.expect.fail.matchers.find((m) => !textMatches(m, error.message));
  return (
    rejected && `expected an error matching ${describeMatcher(rejected)}, but got: ${error.message}`
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The times a matrix result's expected values sit on. */
function gridOf(cmd: EvalCommand): TimeGrid {
  if (cmd.query.kind === 'range') return cmd.query;
  if (cmd.expect.rangeVector) return cmd.expect.rangeVector;
  // Without `expect range vector` an instant eval cannot expect any matrix point.
  return { startMs: cmd.query.timeMs, endMs: -Infinity, stepMs: 0 };
}

function rangeCheckApplies(cmd: EvalCommand): boolean {
  return (
    cmd.query.kind === 'instant' &&
    cmd.expect.rangeVector === undefined &&
    cmd.expect.string === undefined &&
    !QUERY_CONTEXT_FUNCTIONS.test(cmd.expr)
  );
}

async function checkRangeMode(
  engine: QueryEngine,
  q: Queryable,
  cmd: EvalCommand,
  instant: QueryResult,
): Promise<string | undefined> {
  if (cmd.query.kind !== 'instant')
    throw new Error('BUG: range mode applies to instant evals only');
  const t = cmd.query.timeMs;
  const outcome = await attempt(() =>
    engine.rangeQuery(q, cmd.expr, t - MINUTE, t + MINUTE, MINUTE),
  );
  if ('error' in outcome) return `range mode: query failed: ${describeError(outcome.error)}`;
  // Range results are always sorted by labels, so an expected order cannot be checked.
  if (cmd.expect.ordered) return undefined;
  if (outcome.result.kind !== 'matrix')
    return `range mode: expected a matrix, got a ${outcome.result.kind}`;
  const matrix = outcome.result.series;
  const problem = checkSorted(matrix);
  if (problem) return `range mode: ${problem}`;
  const atT = matrix.flatMap((s) =>
    s.samples
      .filter((p) => p.t === t)
      .slice(0, 1)
      .map((p) => ({ labels: s.labels, ...p })),
  );
  if (instant.kind === 'scalar' && cmd.result.kind === 'scalar') {
    const first = atT[0];
    if (!first) return 'range mode: no value at the evaluation time';
    const scalar = compareScalar(cmd.result.value, first.v);
    return scalar && `range mode: ${scalar}`;
  }
  const vector = compareVector(cmd.result, cmd.expect.ordered, atT);
  return vector && `range mode: ${vector}`;
}
