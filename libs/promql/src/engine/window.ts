import type { Expr } from '../parser/ast.js';
import { referenceTime } from './context.js';
import type { EvalContext } from './context.js';

/** A closed time range in milliseconds. */
export interface TimeWindow {
  readonly mint: number;
  readonly maxt: number;
}

type Times = Pick<EvalContext, 'startMs' | 'endMs' | 'lookbackMs'>;

/**
 * The samples every selector in `expr` may need, as one window (undefined when the
 * expression reads no series). An instant selector looks back over the left-open
 * window (t - lookback, t]; a range selector over (t - range, t].
 */
export function fetchWindow(expr: Expr, times: Times): TimeWindow | undefined {
  switch (expr.kind) {
    case 'VectorSelector':
      return selectorWindow(expr, times.lookbackMs, times);
    case 'MatrixSelector':
      return selectorWindow(expr.selector, expr.rangeMs, times);
    case 'ParenExpr':
      return fetchWindow(expr.expr, times);
    default:
      return undefined;
  }
}

function selectorWindow(
  vs: Parameters<typeof referenceTime>[0],
  lookbackMs: number,
  times: Times,
): TimeWindow {
  // Reference times grow with the evaluation time, so the ends bound every step.
  return {
    mint: referenceTime(vs, times.startMs, times) - lookbackMs + 1,
    maxt: referenceTime(vs, times.endMs, times),
  };
}
