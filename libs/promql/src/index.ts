export { ParseError, QueryError, type QueryErrorCode } from './errors.js';
export { type Position } from './position.js';
export { Lexer } from './lexer/lexer.js';
export { type Token, type TokenType, describeToken } from './lexer/token.js';
export { parseExpr } from './parser/parser.js';
export { type ParseOptions, ALL_EXPERIMENTAL } from './parser/options.js';
export { FUNCTIONS, type FunctionSignature } from './parser/functions.js';
export { durationSeconds, type DurationEvalContext } from './parser/duration-eval.js';
export {
  type Expr,
  type NumberLiteral,
  type StringLiteral,
  type VectorSelector,
  type MatrixSelector,
  type SubqueryExpr,
  type ParenExpr,
  type UnaryExpr,
  type BinaryExpr,
  type BinaryOp,
  type VectorMatching,
  type MatchCardinality,
  type AggregateExpr,
  type AggregateOp,
  type Call,
  type DurationExpr,
  type DurationOp,
  type TimeModifiers,
  type AtModifier,
  type PosRange,
  type ValueType,
  valueTypeOf,
  documentedType,
} from './parser/ast.js';
export { formatExpr } from './printer/printer.js';
export { prettify } from './printer/prettier.js';
export { Engine, type EngineOptions } from './engine/engine.js';
export {
  type QueryResult,
  type InstantSample,
  type RangeSeries,
  type Point,
} from './engine/result.js';
