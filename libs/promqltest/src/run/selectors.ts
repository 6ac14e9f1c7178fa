import type { Matcher } from '@promethium/model';
import { ALL_EXPERIMENTAL, ParseError, parseExpr } from '@promethium/promql';
import type { Expr } from '@promethium/promql';

/**
 * The matchers of every vector selector in `expr` (range selectors and subqueries
 * included), in source order; none when the expression does not parse, since such a
 * query reads nothing.
 */
export function selectorMatchers(expr: string): (readonly Matcher[])[] {
  let ast: Expr;
  try {
    ast = parseExpr(expr, ALL_EXPERIMENTAL);
  } catch (err) {
    if (err instanceof ParseError) return [];
    throw err;
  }
  const out: (readonly Matcher[])[] = [];
  collect(ast, out);
  return out;
}

function collect(e: Expr, out: (readonly Matcher[])[]): void {
  switch (e.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return;
    case 'VectorSelector':
      out.push(e.matchers);
      return;
    case 'MatrixSelector':
      out.push(e.selector.matchers);
      return;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      collect(e.expr, out);
      return;
    case 'AggregateExpr':
      if (e.param) collect(e.param, out);
      collect(e.expr, out);
      return;
    case 'BinaryExpr':
      collect(e.lhs, out);
      collect(e.rhs, out);
      return;
    case 'Call':
      for (const arg of e.args) collect(arg, out);
  }
}
