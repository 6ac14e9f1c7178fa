import { METRIC_NAME, goQuote } from '@promethium/model';
import type { Parser } from './parser.js';
import type { Expr, VectorSelector } from './ast.js';

/** Prometheus's checks after a successful parse; throws ParseError on the first failure. */
export function checkExpr(expr: Expr, p: Parser): void {
  switch (expr.kind) {
    case 'VectorSelector':
      return checkSelector(expr, p);
    case 'MatrixSelector':
      return checkSelector(expr.selector, p);
    case 'ParenExpr':
      return checkExpr(expr.expr, p);
  }
}

function checkSelector(vs: VectorSelector, p: Parser): void {
  if (vs.name !== '') {
    // The last matcher is the one for the name written before the braces.
    for (const m of vs.matchers.slice(0, -1)) {
      if (m.name === METRIC_NAME) {
        p.fail(
          vs.pos.start,
          `metric name must not be set twice: ${goQuote(vs.name)} or ${goQuote(m.value)}`,
        );
      }
    }
    return;
  }
  // Refuse selecting every series by accident (a typo in the only matcher).
  if (vs.matchers.every((m) => m.matchesEmpty())) {
    p.fail(vs.pos.start, 'vector selector must contain at least one non-empty matcher');
  }
}
