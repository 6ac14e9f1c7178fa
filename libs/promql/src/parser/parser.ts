import { ParseError } from '../errors.js';
import { Lexer } from '../lexer/lexer.js';
import { describeToken, isAggregator } from '../lexer/token.js';
import type { Token, TokenType } from '../lexer/token.js';
import { checkExpr } from './check.js';
import { parseLiteral } from './literal.js';
import { parsePostfix } from './modifiers.js';
import { parseSelector } from './selector.js';
import type { Expr } from './ast.js';

/**
 * Binding power of each binary operator, loosest first, as in Prometheus's grammar
 * (`^` is right-associative). The precedence-climbing loop in parseBinary reads it.
 */
const BINARY_PRECEDENCE: Partial<Record<TokenType, number>> = {
  LOR: 1,
  LAND: 2,
  LUNLESS: 2,
  EQLC: 3,
  NEQ: 3,
  LTE: 3,
  LSS: 3,
  GTE: 3,
  GTR: 3,
  ADD: 4,
  SUB: 4,
  MUL: 5,
  DIV: 5,
  MOD: 5,
  ATAN2: 5,
  POW: 6,
};

/** A unary sign binds like `*`: its operand may only contain `^` and tighter. */
const UNARY_OPERAND_PRECEDENCE = 6;

/** Tokens that can name a metric: identifiers and the keywords Prometheus lets through. */
const METRIC_NAME_TOKENS = new Set<TokenType>([
  'IDENTIFIER',
  'METRIC_IDENTIFIER',
  'BY',
  'WITHOUT',
  'OFFSET',
  'LAND',
  'LOR',
  'LUNLESS',
  'START',
  'END',
]);

/**
 * Parses a PromQL expression into its AST. Throws ParseError, with Prometheus's
 * message and position, for invalid input and for valid PromQL this engine does not
 * support yet (operators, functions, aggregations, subqueries).
 */
export function parseExpr(input: string): Expr {
  return new Parser(input).parse();
}

/** A recursive-descent, precedence-climbing parser over the lazy token stream. */
export class Parser {
  readonly #lexer: Lexer;
  readonly #ahead: Token[] = [];
  /** The offset just after the last consumed token. */
  lastTokenEnd = 0;

  constructor(readonly input: string) {
    this.#lexer = new Lexer(input);
  }

  /** The whole input as one expression, type-checked. */
  parse(): Expr {
    if (this.peek().type === 'EOF') this.fail(0, 'no expression found in input');
    const expr = this.parseBinary(0);
    if (this.peek().type !== 'EOF') this.unexpected();
    checkExpr(expr, this);
    return expr;
  }

  /** The token `n` places ahead, comments skipped. */
  peek(n = 0): Token {
    while (this.#ahead.length <= n) {
      const token = this.#lexer.next();
      if (token.type !== 'COMMENT') this.#ahead.push(token);
    }
    return this.#ahead[n]!;
  }

  /** Consumes the next token. */
  take(): Token {
    const token = this.peek();
    this.#ahead.shift();
    this.lastTokenEnd = token.offset + token.text.length;
    return token;
  }

  /** Throws ParseError for `detail` at `offset`. */
  fail(offset: number, detail: string, cause?: unknown): never {
    throw new ParseError(this.input, offset, detail, cause === undefined ? undefined : { cause });
  }

  /** Throws Prometheus's "unexpected <token> in <context>, expected <what>" for the next token. */
  unexpected(context = '', expected = ''): never {
    const token = this.peek();
    let detail = `unexpected ${describeToken(token)}`;
    if (context) detail += ` in ${context}`;
    if (expected) detail += `, expected ${expected}`;
    return this.fail(token.offset, detail);
  }

  /** Throws for valid PromQL that this engine does not implement yet. */
  notSupported(offset: number, what: string): never {
    return this.fail(offset, `${what} are not supported yet`);
  }

  /** An expression whose binary operators bind at least as tightly as `minPrecedence`. */
  parseBinary(minPrecedence: number): Expr {
    const left = this.#parseUnary();
    const op = this.peek();
    const precedence = BINARY_PRECEDENCE[op.type];
    if (precedence !== undefined && precedence >= minPrecedence) {
      this.notSupported(op.offset, 'binary expressions');
    }
    return left;
  }

  #parseUnary(): Expr {
    const sign = this.peek();
    if (sign.type !== 'ADD' && sign.type !== 'SUB') return parsePostfix(this, this.#parsePrimary());
    this.take();
    const operand = this.parseBinary(UNARY_OPERAND_PRECEDENCE);
    // Prometheus folds a sign into a number literal; other operands need unary expressions.
    if (operand.kind !== 'NumberLiteral') this.notSupported(sign.offset, 'unary expressions');
    const value = sign.type === 'SUB' ? -operand.value : operand.value;
    return { ...operand, value, pos: { start: sign.offset, end: operand.pos.end } };
  }

  #parsePrimary(): Expr {
    const token = this.peek();
    switch (token.type) {
      case 'NUMBER':
      case 'DURATION':
      case 'STRING':
        return parseLiteral(this);
      case 'LEFT_PAREN':
        return this.#parseParen();
      case 'LEFT_BRACE':
        return parseSelector(this);
    }
    const next = this.peek(1).type;
    if (isAggregator(token.type)) {
      if (next === 'LEFT_PAREN' || next === 'BY' || next === 'WITHOUT') {
        this.notSupported(token.offset, 'aggregations');
      }
      return parseSelector(this);
    }
    if (!METRIC_NAME_TOKENS.has(token.type)) this.unexpected();
    if (token.type === 'IDENTIFIER' && next === 'LEFT_PAREN') {
      this.notSupported(token.offset, 'function calls');
    }
    return parseSelector(this);
  }

  #parseParen(): Expr {
    const open = this.take();
    const expr = this.parseBinary(0);
    if (this.peek().type !== 'RIGHT_PAREN') this.unexpected();
    const close = this.take();
    return { kind: 'ParenExpr', expr, pos: { start: open.offset, end: close.offset + 1 } };
  }
}
