import { METRIC_NAME } from '@promethium/model';
import type { Labels } from '@promethium/model';
import { QueryError } from '../errors.js';
import { absentLabels } from '../functions/vector.js';
import { dropsMetricName } from '../functions/names.js';
import { rangeFunctions } from '../functions/range-functions.js';
import {
  hasStartTimeOverlap,
  startTimeOverlapWarning,
  usesStartTimestamps,
} from '../functions/start-timestamps.js';
import { formatG } from '../float/go-float.js';
import type { RangeContext } from '../functions/types.js';
import type { Call, Expr } from '../parser/ast.js';
import { stepCount, stepTime } from './context.js';
import type { EvalContext } from './context.js';
import { WindowCursor, rangeInput, windowPoints } from './range-input.js';
import type { Evaluate, RangeInput } from './range-input.js';
import type { Point } from './result.js';
import { asScalar } from './values.js';
import type { EvalValue, Sample } from './values.js';

/** Whether `name` is a function over a range vector that evalRangeCall handles. */
export function isRangeCall(name: string): boolean {
  return rangeFunctions.has(name) || name === 'absent_over_time';
}

const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

/**
 * Evaluates a range-vector function at every step: the range argument is selected (or
 * its subquery evaluated) once, then each step's window is handed to the kernel.
 */
export async function evalRangeCall(
  call: Call,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  const rangeIndex = call.args.findIndex(isRangeArg);
  if (rangeIndex < 0) throw new Error(`BUG: ${call.func} without a range vector argument`);
  const withStartTimes = ctx.useStartTimestamps && usesStartTimestamps.has(call.func);
  const input = await rangeInput(call.args[rangeIndex]!, ctx, evaluate, withStartTimes);
  checkSelector(call.func, input.selector);
  if (call.func === 'absent_over_time') return absentOverTime(call.args[rangeIndex]!, input, ctx);
  const scalars: (readonly number[])[] = [];
  for (const [i, arg] of call.args.entries()) {
    if (i !== rangeIndex) scalars.push(asScalar(await evaluate(arg, ctx)));
  }
  checkArgs(call.func, scalars, input, ctx);
  const kernel = rangeFunctions.get(call.func)!;
  const dropName = dropsMetricName.has(call.func);
  const rctxs = Array.from({ length: stepCount(ctx) }, (_, i) =>
    rangeContext(input, scalars, stepTime(ctx, i), i),
  );
  const steps: Sample[][] = rctxs.map(() => []);
  // Series by series, so each one's window moves forward through its points once.
  for (const series of input.series) {
    const cursor = new WindowCursor(input, series);
    const drops = dropName || series.dropName === true;
    for (let i = 0; i < rctxs.length; i++) {
      const points = cursor.points(i);
      if (points.length === 0) continue;
      const rctx = rctxs[i]!;
      const startTimes = cursor.startTimes();
      if (startTimes !== undefined) {
        checkStartTimes(call.func, input, series.labels, points, startTimes, ctx);
      }
      const v = kernel(points, rctx, startTimes);
      if (v === undefined) continue;
      steps[i]!.push({ labels: series.labels, t: rctx.evalTime, v, dropName: drops });
    }
    await ctx.guard.pause();
  }
  return { kind: 'vector', steps };
}

/**
 * Warns, as Prometheus's rate and increase do (except over extended ranges), about a
 * window whose start timestamps overlap the previous samples.
 */
function checkStartTimes(
  func: string,
  input: RangeInput,
  labels: Labels,
  points: readonly Point[],
  startTimes: readonly number[],
  ctx: EvalContext,
): void {
  if (input.selector !== undefined || (func !== 'rate' && func !== 'increase')) return;
  if (hasStartTimeOverlap(points, startTimes)) {
    ctx.annotations.add(startTimeOverlapWarning(labels.get(METRIC_NAME)));
  }
}

function rangeContext(
  input: RangeInput,
  scalars: readonly (readonly number[])[],
  t: number,
  i: number,
): RangeContext {
  const end = input.ends[i]!;
  return {
    evalTime: t,
    rangeStart: end - input.rangeMs,
    rangeEnd: end,
    args: scalars.map((s) => s[i]!),
    ...(input.selector ? { selector: input.selector } : {}),
  };
}

function isRangeArg(e: Expr): boolean {
  if (e.kind === 'ParenExpr') return isRangeArg(e.expr);
  return e.kind === 'MatrixSelector' || e.kind === 'SubqueryExpr';
}

function checkArgs(
  func: string,
  scalars: readonly (readonly number[])[],
  input: RangeInput,
  ctx: EvalContext,
): void {
  if (func === 'quantile_over_time' && input.series.length > 0) {
    for (const q of scalars[0]!) {
      if (!(q >= 0 && q <= 1)) {
        ctx.annotations.add(
          `PromQL warning: quantile value should be between 0 and 1, got ${formatG(q)}`,
        );
      }
    }
  }
  if (func === 'rate' || func === 'increase') {
    for (const s of input.series) {
      const name = s.labels.get(METRIC_NAME);
      if (name !== '' && !COUNTER_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
        ctx.annotations.add(
          `PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "${name}"`,
        );
      }
    }
  }
}

function absentOverTime(arg: Expr, input: RangeInput, ctx: EvalContext): EvalValue {
  while (arg.kind === 'ParenExpr') arg = arg.expr;
  const labels = absentLabels(arg.kind === 'MatrixSelector' ? arg.selector.matchers : []);
  const steps: Sample[][] = [];
  for (let i = 0; i < stepCount(ctx); i++) {
    const present = input.series.some((s) => windowPoints(input, s, i).length > 0);
    steps.push(present ? [] : [{ labels, t: stepTime(ctx, i), v: 1 }]);
  }
  return { kind: 'vector', steps };
}

const EXTENDED_FUNCTIONS = {
  anchored: ['changes', 'delta', 'increase', 'rate', 'resets'],
  smoothed: ['delta', 'increase', 'rate'],
};

function checkSelector(func: string, selector: RangeInput['selector']): void {
  if (selector === undefined || EXTENDED_FUNCTIONS[selector].includes(func)) return;
  throw new QueryError(
    'bad_data',
    `${selector} modifier can only be used with: ${EXTENDED_FUNCTIONS[selector].join(', ')} - not with ${func}`,
  );
}
