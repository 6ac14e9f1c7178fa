import type { Expr } from '../parser/ast.js';
import { stepCount } from './context.js';
import type { EvalContext } from './context.js';
import { evalAggregate } from './eval-aggregate.js';
import { evalBinary } from './eval-binary.js';
import { evalCall } from './eval-call.js';
import { rangeInput, windowPoints } from './range-input.js';
import { selectVector } from './select.js';
import type { EvalValue, MatrixSeries } from './values.js';

/** Evaluates `expr` (resolved, see resolveTimes) at every step of the context. */
export async function evaluate(expr: Expr, ctx: EvalContext): Promise<EvalValue> {
  await ctx.guard.pause();
  switch (expr.kind) {
    case 'NumberLiteral':
      return constant(expr.value, ctx);
    case 'StringLiteral':
      return { kind: 'string', value: expr.value };
    case 'ParenExpr':
      return evaluate(expr.expr, ctx);
    case 'VectorSelector':
      return { kind: 'vector', steps: await selectVector(expr, ctx) };
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return { kind: 'matrix', series: await rangeAtOneTime(expr, ctx) };
    case 'UnaryExpr':
      return negate(expr.op, await evaluate(expr.expr, ctx));
    case 'BinaryExpr':
      return evalBinary(expr, ctx, evaluate);
    case 'AggregateExpr':
      return evalAggregate(expr, ctx, evaluate);
    case 'Call':
      return evalCall(expr, ctx, evaluate);
  }
}

/** A scalar with the same value at every step. */
function constant(v: number, ctx: EvalContext): EvalValue {
  return { kind: 'scalar', steps: new Array<number>(stepCount(ctx)).fill(v) };
}

async function rangeAtOneTime(expr: Expr, ctx: EvalContext): Promise<MatrixSeries[]> {
  if (stepCount(ctx) !== 1) throw new Error('BUG: a range vector is evaluated at one time only');
  const input = await rangeInput(expr, ctx, evaluate);
  return input.series
    .map((s) => ({ ...s, points: windowPoints(input, s, 0) }))
    .filter((s) => s.points.length > 0);
}

function negate(op: '+' | '-', value: EvalValue): EvalValue {
  if (op === '+') return value;
  switch (value.kind) {
    case 'scalar':
      return { kind: 'scalar', steps: value.steps.map((v) => -v) };
    case 'vector':
      return {
        kind: 'vector',
        steps: value.steps.map((samples) =>
          samples.map((s) => ({ ...s, v: -s.v, dropName: true })),
        ),
      };
    default:
      throw new Error(`BUG: unary minus on a ${value.kind}`);
  }
}
