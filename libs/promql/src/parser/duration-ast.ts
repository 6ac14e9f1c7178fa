import type { NumberLiteral, PosRange } from './ast.js';

/** An operator of a duration expression; `step` and `range` take no operands. */
export type DurationOp = '+' | '-' | '*' | '/' | '%' | '^' | 'step' | 'range' | 'min_of' | 'max_of';

/**
 * An experimental duration expression (`[5m+step()]`, `offset min_of(range(), 1h)`),
 * valued in seconds. A unary sign has `lhs` undefined; `step()` and `range()` have
 * neither operand. Operands that are plain numbers or durations are NumberLiterals.
 * `wrapped` records parentheses around the whole node.
 */
export interface DurationExpr {
  readonly kind: 'DurationExpr';
  readonly op: DurationOp;
  readonly lhs: DurationExpr | NumberLiteral | undefined;
  readonly rhs: DurationExpr | NumberLiteral | undefined;
  readonly wrapped: boolean;
  readonly pos: PosRange;
}
