import { METRIC_NAME } from '@promethium/model';
import type { AggregateExpr } from '../parser/ast.js';
import { aggregate } from '../operators/aggregate.js';
import type { Aggregation } from '../operators/aggregate.js';
import { groupLabels } from '../operators/grouping.js';
import type { Grouping } from '../operators/grouping.js';
import { stepTime } from './context.js';
import type { EvalContext } from './context.js';
import type { Evaluate } from './range-input.js';
import { asScalar, asString, asVector } from './values.js';
import type { EvalValue, Sample } from './values.js';

const SELECTING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/** Evaluates an aggregation step by step; its parameter is evaluated per step too. */
export async function evalAggregate(
  expr: AggregateExpr,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  const grouping: Grouping = { without: expr.without, labels: expr.grouping };
  const param = expr.param && (await evaluate(expr.param, ctx));
  const input = asVector(await evaluate(expr.expr, ctx));
  const steps: Sample[][] = [];
  for (let i = 0; i < input.length; i++) {
    const agg = aggregation(expr, grouping, param, i);
    const result = aggregate(agg, input[i]!, stepTime(ctx, i));
    for (const w of result.warnings) ctx.annotations.add(w);
    steps.push(keepsNameDrop(expr, grouping, input[i]!, result.samples));
    await ctx.guard.pause();
  }
  return { kind: 'vector', steps };
}

function aggregation(
  expr: AggregateExpr,
  grouping: Grouping,
  param: EvalValue | undefined,
  i: number,
): Aggregation {
  const op = expr.op;
  switch (op) {
    case 'count_values':
      return { op, param: asString(required(param)), grouping };
    case 'topk':
    case 'bottomk':
    case 'limitk':
    case 'limit_ratio':
    case 'quantile':
      return { op, param: asScalar(required(param))[i]!, grouping };
    default:
      return { op, grouping };
  }
}

function required(param: EvalValue | undefined): EvalValue {
  if (param === undefined) throw new Error('BUG: aggregation parameter missing');
  return param;
}

// Grouping by __name__ keeps names that are still to be dropped (delayed name removal):
// a group's result drops its name when any of its inputs does.
function keepsNameDrop(
  expr: AggregateExpr,
  grouping: Grouping,
  input: readonly Sample[],
  output: Sample[],
): Sample[] {
  if (expr.without || !expr.grouping.includes(METRIC_NAME) || SELECTING.has(expr.op)) {
    return output;
  }
  const dropping = new Set<string>();
  for (const s of input) if (s.dropName) dropping.add(groupLabels(s.labels, grouping).key());
  if (dropping.size === 0) return output;
  return output.map((s) => (dropping.has(s.labels.key()) ? { ...s, dropName: true } : s));
}
