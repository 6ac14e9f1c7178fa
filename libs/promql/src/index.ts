export { ParseError, QueryError, type QueryErrorCode } from './errors.js';
export { type Position } from './position.js';
export { Lexer } from './lexer/lexer.js';
export { type Token, type TokenType, describeToken } from './lexer/token.js';
export { parseExpr } from './parser/parser.js';
export {
  type Expr,
  type NumberLiteral,
  type StringLiteral,
  type VectorSelector,
  type MatrixSelector,
  type ParenExpr,
  type AtModifier,
  type PosRange,
  type ValueType,
  valueTypeOf,
  documentedType,
} from './parser/ast.js';
export { Engine, type EngineOptions } from './engine/engine.js';
export {
  type QueryResult,
  type InstantSample,
  type RangeSeries,
  type Point,
} from './engine/result.js';
