import { goMod, goPow } from '../float/go-float.js';

/** Arithmetic operators: their result is a new value, so the metric name is dropped. */
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';

/** Comparison operators: they filter series, or yield 0/1 with the `bool` modifier. */
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';

/** Set operators: only between two instant vectors, always many-to-many. */
export type SetOp = 'and' | 'or' | 'unless';

/** Every binary operator that works on values (not the set operators). */
export type ValueOp = ArithmeticOp | ComparisonOp;

/** Every PromQL binary operator. */
export type BinaryOp = ValueOp | SetOp;

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS: ReadonlySet<string> = new Set(['and', 'or', 'unless']);

/** Whether `op` is a comparison operator. */
export function isComparisonOp(op: BinaryOp): op is ComparisonOp {
  return COMPARISONS.has(op);
}

/** Whether `op` is a set operator (and, or, unless). */
export function isSetOp(op: BinaryOp): op is SetOp {
  return SET_OPS.has(op);
}

/** Applies an arithmetic operator with Go's float64 semantics (x/0 is ±Inf or NaN). */
export function arithmetic(op: ArithmeticOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return goMod(l, r);
    case '^':
      return goPow(l, r);
    case 'atan2':
      return Math.atan2(l, r);
  }
}

/** Whether the comparison holds; any comparison with NaN is false except `!=`. */
export function compare(op: ComparisonOp, l: number, r: number): boolean {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '>':
      return l > r;
    case '<':
      return l < r;
    case '>=':
      return l >= r;
    case '<=':
      return l <= r;
  }
}

/** scalar ⊕ scalar: comparisons always yield 0 or 1 (the parser demands `bool`). */
export function scalarBinop(op: ValueOp, l: number, r: number): number {
  if (isComparisonOp(op)) return compare(op, l, r) ? 1 : 0;
  return arithmetic(op, l, r);
}

/**
 * One element of a vector operation: the value (the left operand for a comparison) and
 * whether the comparison kept it; arithmetic always keeps.
 */
export function elementBinop(op: ValueOp, l: number, r: number): { value: number; keep: boolean } {
  if (isComparisonOp(op)) return { value: l, keep: compare(op, l, r) };
  return { value: arithmetic(op, l, r), keep: true };
}
