import type { DurationExpr, NumberLiteral } from './ast.js';

/** What step() and range() stand for: the query's step and its end minus its start. */
export interface DurationEvalContext {
  readonly stepMs: number;
  readonly rangeMs: number;
}

/**
 * The value in seconds of a duration (literal or expression) for one query; the
 * engine turns it into the range, step or offset it stands for.
 */
export function durationSeconds(d: DurationExpr | NumberLiteral, ctx: DurationEvalContext): number {
  if (d.kind === 'NumberLiteral') return d.value;
  const side = (node: DurationExpr | NumberLiteral | undefined): number => {
    if (node === undefined) throw new Error(`BUG: duration ${d.op} without its operand`);
    return durationSeconds(node, ctx);
  };
  switch (d.op) {
    case 'step':
      return ctx.stepMs / 1000;
    case 'range':
      return ctx.rangeMs / 1000;
    case 'min_of':
      return Math.min(side(d.lhs), side(d.rhs));
    case 'max_of':
      return Math.max(side(d.lhs), side(d.rhs));
  }
  const rhs = side(d.rhs);
  if (d.lhs === undefined) return d.op === '-' ? -rhs : rhs;
  const lhs = side(d.lhs);
  switch (d.op) {
    case '+':
      return lhs + rhs;
    case '-':
      return lhs - rhs;
    case '*':
      return lhs * rhs;
    case '/':
      return lhs / rhs;
    case '%':
      return lhs % rhs;
    case '^':
      return lhs ** rhs;
  }
}
