import { METRIC_NAME, goQuote } from '@promethium/model';
import type { Parser } from './parser.js';
import { documentedType, valueTypeOf } from './ast.js';
import type { Expr, UnaryExpr, VectorSelector } from './ast.js';

/**
 * Prometheus's selector checks, run over the whole tree after parsing (other type
 * checks run as each node is built). Throws ParseError on the first failure.
 */
export function checkSelectors(expr: Expr, p: Parser): void {
  switch (expr.kind) {
    case 'VectorSelector':
      return checkSelector(expr, p, false);
    case 'MatrixSelector':
      return checkSelector(expr.selector, p, false);
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      return checkSelectors(expr.expr, p);
    case 'BinaryExpr':
      checkSelectors(expr.lhs, p);
      return checkSelectors(expr.rhs, p);
    case 'AggregateExpr':
      if (expr.param) checkSelectors(expr.param, p);
      return checkSelectors(expr.expr, p);
    case 'Call':
      return expr.args.forEach((arg, i) => {
        // info()'s label selector may match the empty string: it filters info series.
        if (expr.func === 'info' && i === 1 && arg.kind === 'VectorSelector') {
          checkSelector(arg, p, true);
        } else checkSelectors(arg, p);
      });
    case 'NumberLiteral':
    case 'StringLiteral':
      return;
  }
}

function checkSelector(vs: VectorSelector, p: Parser, mayMatchEmpty: boolean): void {
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
  if (!mayMatchEmpty && vs.matchers.every((m) => m.matchesEmpty())) {
    p.fail(vs.pos.start, 'vector selector must contain at least one non-empty matcher');
  }
}

/** A sign applies only to scalars and instant vectors. */
export function checkUnary(expr: UnaryExpr, p: Parser): void {
  const type = valueTypeOf(expr.expr);
  if (type !== 'scalar' && type !== 'vector') {
    p.fail(
      expr.pos.start,
      `unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(documentedType(type))}`,
    );
  }
}
