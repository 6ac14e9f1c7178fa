import { QueryError } from '../errors.js';
import type { Expr } from '../parser/ast.js';
import type { EvalContext } from './context.js';
import type { RangeSeries } from './result.js';
import { selectMatrix, selectVector } from './select.js';
import type { StepSeries } from './select.js';

/**
 * An evaluated expression: an instant vector at every step, a scalar (constant over
 * the steps for now), a range vector at the single evaluation time, or a string.
 */
export type EvalValue =
  | { readonly kind: 'vector'; readonly series: readonly StepSeries[] }
  | { readonly kind: 'scalar'; readonly value: number }
  | { readonly kind: 'matrix'; readonly series: readonly RangeSeries[] }
  | { readonly kind: 'string'; readonly value: string };

/** Evaluates `expr` over the context's steps. */
export async function evaluate(expr: Expr, ctx: EvalContext): Promise<EvalValue> {
  switch (expr.kind) {
    case 'NumberLiteral':
      return { kind: 'scalar', value: expr.value };
    case 'StringLiteral':
      return { kind: 'string', value: expr.value };
    case 'ParenExpr':
      return evaluate(expr.expr, ctx);
    case 'VectorSelector':
      return { kind: 'vector', series: await selectVector(expr, ctx) };
    case 'MatrixSelector':
      return { kind: 'matrix', series: await selectMatrix(expr, ctx) };
    default:
      throw new QueryError('execution', `${expr.kind} is not supported yet`);
  }
}
