import { ALL_EXPERIMENTAL, ParseError, formatExpr, parseExpr } from '@promethium/promql';
import type { AtModifier, Expr } from '@promethium/promql';

/** An instant query the step-invariance check runs besides the eval's own. */
export interface AtVariant {
  readonly expr: string;
  readonly timeMs: number;
}

// Functions whose result changes with the evaluation time even when every argument is
// pinned with @ (or that report their argument's sample times).
const AT_UNSAFE = new Set([
  ...['days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'hour', 'minute'],
  ...['month', 'year', 'predict_linear', 'time', 'timestamp', 'start', 'end'],
]);

/**
 * Upstream's step-invariance check: `expr` with `@ <timeMs>` added to every selector and
 * subquery lacking one (nothing inside a subquery that has or gets an @ changes),
 * evaluated at -10t, 0, t/5, t and 10t (-1s, 0 and 1s when t is 0); the result must not
 * change. Empty when the query does not parse or uses a time-dependent function.
 */
export function atVariants(expr: string, timeMs: number): AtVariant[] {
  let ast: Expr;
  try {
    ast = parseExpr(expr, ALL_EXPERIMENTAL);
  } catch (err) {
    if (err instanceof ParseError) return [];
    throw err;
  }
  const at: AtModifier = { kind: 'timestamp', ms: timeMs };
  let unsafe = false;
  const pin = (e: Expr): Expr => {
    switch (e.kind) {
      case 'NumberLiteral':
      case 'StringLiteral':
        return e;
      case 'VectorSelector':
        return e.at ? e : { ...e, at };
      case 'MatrixSelector':
        return e.selector.at ? e : { ...e, selector: { ...e.selector, at } };
      case 'SubqueryExpr':
        return e.at ? e : { ...e, at };
      case 'ParenExpr':
      case 'UnaryExpr':
        return { ...e, expr: pin(e.expr) };
      case 'BinaryExpr':
        return { ...e, lhs: pin(e.lhs), rhs: pin(e.rhs) };
      case 'AggregateExpr':
        return { ...e, expr: pin(e.expr), param: e.param && pin(e.param) };
      case 'Call':
        unsafe ||= AT_UNSAFE.has(e.func);
        return { ...e, args: e.args.map(pin) };
    }
  };
  const pinned = formatExpr(pin(ast));
  if (unsafe) return [];
  const times =
    timeMs === 0
      ? [-1000, 0, 1000]
      : [-10 * timeMs, 0, Math.trunc(timeMs / 5), timeMs, 10 * timeMs];
  return times.map((t) => ({ expr: pinned, timeMs: t }));
}
