import { QueryError } from '../errors.js';
import type { BinaryExpr } from '../parser/ast.js';
import { binaryOperation } from '../operators/binary.js';
import type { Operand } from '../operators/binary.js';
import { DEFAULT_MATCHING, SET_MATCHING } from '../operators/matching.js';
import { isSetOp } from '../operators/arithmetic.js';
import type { EvalContext } from './context.js';
import type { Evaluate } from './range-input.js';
import type { EvalValue, Sample } from './values.js';

/** Evaluates `lhs op rhs` step by step with the operator kernels. */
export async function evalBinary(
  expr: BinaryExpr,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<EvalValue> {
  const op = expr.op;
  if (op === '</' || op === '>/') {
    throw new QueryError('execution', `operator ${op} is not supported for float samples`);
  }
  const lhs = await evaluate(expr.lhs, ctx);
  const rhs = await evaluate(expr.rhs, ctx);
  const matching = expr.matching ?? (isSetOp(op) ? SET_MATCHING : DEFAULT_MATCHING);
  const count = lhs.kind === 'vector' || lhs.kind === 'scalar' ? lhs.steps.length : 0;
  const results: Operand[] = [];
  for (let i = 0; i < count; i++) {
    results.push(binaryOperation(op, operand(lhs, i), operand(rhs, i), matching, expr.returnBool));
    await ctx.guard.pause();
  }
  if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
    return { kind: 'scalar', steps: results.map((r) => (r.kind === 'scalar' ? r.v : NaN)) };
  }
  return {
    kind: 'vector',
    steps: results.map((r) => (r.kind === 'vector' ? (r.samples as Sample[]) : [])),
  };
}

function operand(value: EvalValue, i: number): Operand {
  switch (value.kind) {
    case 'scalar':
      return { kind: 'scalar', v: value.steps[i]! };
    case 'vector':
      return { kind: 'vector', samples: value.steps[i]! };
    default:
      throw new Error(`BUG: binary operand of type ${value.kind}`);
  }
}
