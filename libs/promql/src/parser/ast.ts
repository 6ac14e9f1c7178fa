import type { Matcher } from '@promethium/model';

/** Where a node sits in the query: [start, end) offsets into the input string. */
export interface PosRange {
  readonly start: number;
  readonly end: number;
}

/** A number; `duration` tells it was written as a duration (`5m` is 300). */
export interface NumberLiteral {
  readonly kind: 'NumberLiteral';
  readonly value: number;
  readonly duration: boolean;
  readonly pos: PosRange;
}

/** A string literal, unquoted. */
export interface StringLiteral {
  readonly kind: 'StringLiteral';
  readonly value: string;
  readonly pos: PosRange;
}

/** The `@` modifier: a fixed time in milliseconds, or the query's start or end. */
export type AtModifier =
  | { readonly kind: 'timestamp'; readonly ms: number }
  | { readonly kind: 'start' }
  | { readonly kind: 'end' };

/**
 * An instant vector selector. `name` is the metric name written before the braces
 * ('' when absent); its `__name__` matcher is already among `matchers`. `offsetMs`
 * may be negative; `at` is undefined without an `@` modifier.
 */
export interface VectorSelector {
  readonly kind: 'VectorSelector';
  readonly name: string;
  readonly matchers: readonly Matcher[];
  readonly offsetMs: number;
  readonly at: AtModifier | undefined;
  readonly pos: PosRange;
}

/** A range vector selector: the samples of `selector` within `rangeMs` before each evaluation time. */
export interface MatrixSelector {
  readonly kind: 'MatrixSelector';
  readonly selector: VectorSelector;
  readonly rangeMs: number;
  readonly pos: PosRange;
}

/** A parenthesised expression. */
export interface ParenExpr {
  readonly kind: 'ParenExpr';
  readonly expr: Expr;
  readonly pos: PosRange;
}

/**
 * A PromQL expression. This slice of the language covers literals, selectors and
 * parentheses; unary, binary, call, aggregate and subquery nodes join this union.
 */
export type Expr = NumberLiteral | StringLiteral | VectorSelector | MatrixSelector | ParenExpr;

/** The type of value an expression evaluates to. */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** The value type of `expr`. */
export function valueTypeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
      return 'vector';
    case 'MatrixSelector':
      return 'matrix';
    case 'ParenExpr':
      return valueTypeOf(expr.expr);
  }
}

/** The name Prometheus's documentation and messages use for a value type, e.g. "range vector". */
export function documentedType(type: ValueType): string {
  switch (type) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return type;
  }
}
