import type { Matcher } from '@promethium/model';
import type { DurationExpr } from './duration-ast.js';
import { FUNCTIONS } from './functions.js';

export type { DurationExpr, DurationOp } from './duration-ast.js';

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
 * The time modifiers of a selector or subquery. `offsetMs` may be negative; when the
 * offset is a duration expression (`offset step()`), `offsetExpr` holds it and
 * `offsetMs` is 0 until the engine resolves it. `at` is undefined without `@`.
 */
export interface TimeModifiers {
  readonly offsetMs: number;
  readonly offsetExpr: DurationExpr | undefined;
  readonly at: AtModifier | undefined;
}

/**
 * An instant vector selector. `name` is the metric name written before the braces
 * ('' when absent); its `__name__` matcher is already among `matchers`. `anchored`
 * and `smoothed` are the experimental extended range selector modifiers.
 */
export interface VectorSelector extends TimeModifiers {
  readonly kind: 'VectorSelector';
  readonly name: string;
  readonly matchers: readonly Matcher[];
  readonly anchored: boolean;
  readonly smoothed: boolean;
  readonly pos: PosRange;
}

/**
 * A range vector selector: the samples of `selector` within `rangeMs` before each
 * evaluation time. A duration expression range (`[step()*2]`) is in `rangeExpr`,
 * with `rangeMs` 0 until the engine resolves it.
 */
export interface MatrixSelector {
  readonly kind: 'MatrixSelector';
  readonly selector: VectorSelector;
  readonly rangeMs: number;
  readonly rangeExpr: DurationExpr | undefined;
  readonly pos: PosRange;
}

/**
 * `expr[range:step]`: `expr` evaluated every `stepMs` (0 = the engine's default step)
 * over `rangeMs`. Duration expressions sit in `rangeExpr`/`stepExpr` as for MatrixSelector.
 */
export interface SubqueryExpr extends TimeModifiers {
  readonly kind: 'SubqueryExpr';
  readonly expr: Expr;
  readonly rangeMs: number;
  readonly rangeExpr: DurationExpr | undefined;
  readonly stepMs: number;
  readonly stepExpr: DurationExpr | undefined;
  readonly pos: PosRange;
}

/** A parenthesised expression. */
export interface ParenExpr {
  readonly kind: 'ParenExpr';
  readonly expr: Expr;
  readonly pos: PosRange;
}

/** `-expr` or `+expr` (a sign on a number literal is folded into the literal instead). */
export interface UnaryExpr {
  readonly kind: 'UnaryExpr';
  readonly op: '+' | '-';
  readonly expr: Expr;
  readonly pos: PosRange;
}

/** A binary operator as written in PromQL. */
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | 'atan2'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '</'
  | '>/'
  | 'and'
  | 'or'
  | 'unless';

/** Which side of a vector match may have many series per match group. */
export type MatchCardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

/**
 * How the series of two vectors pair up. `on` tells `labels` came from on(…) rather
 * than ignoring(…); `include` holds group_left/group_right's extra labels. `fillLhs`
 * and `fillRhs` are the experimental fill() values for a side missing a match.
 */
export interface VectorMatching {
  readonly card: MatchCardinality;
  readonly on: boolean;
  readonly labels: readonly string[];
  readonly include: readonly string[];
  readonly fillLhs: number | undefined;
  readonly fillRhs: number | undefined;
}

/**
 * `lhs op rhs`. `matching` is undefined unless both sides are instant vectors (set
 * operators then always match many-to-many); `returnBool` is the `bool` modifier.
 */
export interface BinaryExpr {
  readonly kind: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  readonly matching: VectorMatching | undefined;
  readonly pos: PosRange;
}

/** An aggregation operator. */
export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'count'
  | 'min'
  | 'max'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'count_values'
  | 'quantile'
  | 'limitk'
  | 'limit_ratio';

/**
 * `op by|without (grouping) ([param,] expr)`. `param` is set exactly for topk,
 * bottomk, count_values, quantile, limitk and limit_ratio.
 */
export interface AggregateExpr {
  readonly kind: 'AggregateExpr';
  readonly op: AggregateOp;
  readonly expr: Expr;
  readonly param: Expr | undefined;
  readonly grouping: readonly string[];
  readonly without: boolean;
  readonly pos: PosRange;
}

/** A function call; `func` is a name from the function table (parser/functions.ts). */
export interface Call {
  readonly kind: 'Call';
  readonly func: string;
  readonly args: readonly Expr[];
  readonly pos: PosRange;
}

/** A PromQL expression. */
export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | AggregateExpr
  | Call;

/** The type of value an expression evaluates to. */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** The value type of `expr` (a call to an unknown function counts as a vector). */
export function valueTypeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'ParenExpr':
    case 'UnaryExpr':
      return valueTypeOf(expr.expr);
    case 'BinaryExpr':
      return valueTypeOf(expr.lhs) === 'scalar' && valueTypeOf(expr.rhs) === 'scalar'
        ? 'scalar'
        : 'vector';
    case 'Call':
      return FUNCTIONS.get(expr.func)?.returnType ?? 'vector';
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
