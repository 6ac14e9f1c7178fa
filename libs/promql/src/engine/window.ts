import type { Expr, TimeModifiers, VectorSelector } from '../parser/ast.js';
import { referenceTime } from './context.js';

/** A closed time range in milliseconds. */
export interface TimeWindow {
  readonly mint: number;
  readonly maxt: number;
}

/**
 * The samples every selector in `expr` (already resolved, see resolveTimes) may need
 * when evaluated at times in [fromMs, toMs], as one window; undefined when the
 * expression reads no series. An instant selector looks back over (t - lookback, t], a
 * range selector over (t - range, t]; anchored and smoothed ranges reach a lookback
 * further; a subquery moves its inner expression's times by its range and offset.
 */
export function fetchWindow(
  expr: Expr,
  fromMs: number,
  toMs: number,
  lookbackMs: number,
): TimeWindow | undefined {
  const recurse = (e: Expr, from = fromMs, to = toMs): TimeWindow | undefined =>
    fetchWindow(e, from, to, lookbackMs);
  switch (expr.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return undefined;
    case 'VectorSelector':
      return selectorWindow(expr, fromMs, toMs, lookbackMs, expr.smoothed ? lookbackMs : 0);
    case 'MatrixSelector': {
      const { selector } = expr;
      const extended = selector.anchored || selector.smoothed;
      const before = expr.rangeMs + (extended ? lookbackMs : 0);
      return selectorWindow(selector, fromMs, toMs, before, selector.smoothed ? lookbackMs : 0);
    }
    case 'SubqueryExpr': {
      const [lo, hi] = referenceRange(expr, fromMs, toMs);
      return recurse(expr.expr, lo - expr.rangeMs, hi);
    }
    case 'ParenExpr':
    case 'UnaryExpr':
      return recurse(expr.expr);
    case 'BinaryExpr':
      return union(recurse(expr.lhs), recurse(expr.rhs));
    case 'AggregateExpr':
      return union(recurse(expr.expr), expr.param && recurse(expr.param));
    case 'Call':
      return expr.args.map((a) => recurse(a)).reduce(union, undefined);
  }
}

/** The reference times of a selector or subquery evaluated at times in [fromMs, toMs]. */
function referenceRange(mods: TimeModifiers, fromMs: number, toMs: number): [number, number] {
  return [referenceTime(mods, fromMs), referenceTime(mods, toMs)];
}

function selectorWindow(
  vs: VectorSelector,
  fromMs: number,
  toMs: number,
  before: number,
  after: number,
): TimeWindow {
  const [lo, hi] = referenceRange(vs, fromMs, toMs);
  return { mint: lo - before + 1, maxt: hi + after };
}

function union(a: TimeWindow | undefined, b: TimeWindow | undefined): TimeWindow | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { mint: Math.min(a.mint, b.mint), maxt: Math.max(a.maxt, b.maxt) };
}
