import { ParseError } from '../errors.js';
import { Lexer } from '../lexer/lexer.js';
import { describeToken, isAggregator } from '../lexer/token.js';
import type { Token, TokenType } from '../lexer/token.js';
import { parseAggregate } from './aggregate.js';
import { newBinaryExpr, parseBinaryModifiers } from './binary.js';
import { parseCall } from './call.js';
import { checkSelectors, checkUnary } from './check.js';
import { parseLiteral } from './literal.js';
import { parsePostfix } from './modifiers.js';
import type { ParseOptions } from './options.js';
import { parseSelector } from './selector.js';
import type { Expr } from './ast.js';

/**
 * Binding power of each binary operator, loosest first, as in Prometheus's grammar
 * (`^` is right-associative, the others left-associative).
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
  TRIM_UPPER: 3,
  TRIM_LOWER: 3,
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
  'STEP',
  'RANGE',
  'MAX_OF',
  'MIN_OF',
  'ANCHORED',
  'SMOOTHED',
  'FILL',
  'FILL_LEFT',
  'FILL_RIGHT',
]);

/** Words that call a function when `(` follows them. */
const CALLABLE = new Set<TokenType>([
  'IDENTIFIER',
  'START',
  'END',
  'STEP',
  'RANGE',
  'MAX_OF',
  'MIN_OF',
]);

/**
 * Parses a PromQL expression into its type-checked AST. Throws ParseError with
 * Prometheus's message and position for the first problem found. Experimental
 * syntax is refused unless `options` enables it.
 */
export function parseExpr(input: string, options: ParseOptions = {}): Expr {
  return new Parser(input, options).parse();
}

/** A recursive-descent, precedence-climbing parser over the lazy token stream. */
export class Parser {
  readonly #lexer: Lexer;
  readonly #ahead: Token[] = [];
  /** The offset just after the last consumed token. */
  lastTokenEnd = 0;

  constructor(
    readonly input: string,
    readonly options: ParseOptions = {},
  ) {
    this.#lexer = new Lexer(input);
  }

  /** The whole input as one expression, type-checked. */
  parse(): Expr {
    if (this.peek().type === 'EOF') this.fail(0, 'no expression found in input');
    const expr = this.parseBinary(0);
    if (this.peek().type !== 'EOF') this.unexpected();
    checkSelectors(expr, this);
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

  /** Consumes and returns the next token. */
  take(): Token {
    const token = this.peek();
    this.#ahead.shift();
    this.lastTokenEnd = token.offset + token.text.length;
    return token;
  }

  /** Consumes the next token if it has `type`; otherwise throws like `unexpected`. */
  expect(type: TokenType, context: string, expected: string): Token {
    if (this.peek().type !== type) this.unexpected(context, expected);
    return this.take();
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

  /** An expression whose binary operators bind at least as tightly as `minPrecedence`. */
  parseBinary(minPrecedence: number): Expr {
    let lhs = this.#parseUnary();
    for (;;) {
      const op = this.peek();
      const precedence = BINARY_PRECEDENCE[op.type];
      if (precedence === undefined || precedence < minPrecedence) return lhs;
      this.take();
      const modifiers = parseBinaryModifiers(this);
      const rhs = this.parseBinary(op.type === 'POW' ? precedence : precedence + 1);
      lhs = newBinaryExpr(this, op, modifiers, lhs, rhs);
    }
  }

  #parseUnary(): Expr {
    const sign = this.peek();
    if (sign.type !== 'ADD' && sign.type !== 'SUB') return parsePostfix(this, this.#parsePrimary());
    this.take();
    const operand = this.parseBinary(UNARY_OPERAND_PRECEDENCE);
    const pos = { start: sign.offset, end: operand.pos.end };
    // Prometheus folds a sign into a number literal.
    if (operand.kind === 'NumberLiteral') {
      return { ...operand, value: sign.type === 'SUB' ? -operand.value : operand.value, pos };
    }
    const unary = {
      kind: 'UnaryExpr',
      op: sign.type === 'SUB' ? '-' : '+',
      expr: operand,
      pos,
    } as const;
    checkUnary(unary, this);
    return unary;
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
      if (next === 'LEFT_PAREN' || next === 'BY' || next === 'WITHOUT') return parseAggregate(this);
      return parseSelector(this);
    }
    if (CALLABLE.has(token.type) && next === 'LEFT_PAREN') return parseCall(this);
    if (!METRIC_NAME_TOKENS.has(token.type)) this.unexpected();
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
