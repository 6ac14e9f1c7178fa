import type { Token, TokenType } from '../lexer/token.js';
import { parseLiteral } from './literal.js';
import type { Parser } from './parser.js';
import type { DurationExpr, DurationOp, NumberLiteral, PosRange } from './ast.js';

/** A duration as written: a plain number or duration literal, or an expression. */
export type DurationNode = DurationExpr | NumberLiteral;

// Go's time.Duration holds ±2^63 nanoseconds; Prometheus refuses longer durations.
const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;

const PRECEDENCE: Partial<Record<TokenType, number>> = {
  ADD: 1,
  SUB: 1,
  MUL: 2,
  DIV: 2,
  MOD: 2,
  POW: 3,
};
const OPS: Partial<Record<TokenType, DurationOp>> = {
  ADD: '+',
  SUB: '-',
  MUL: '*',
  DIV: '/',
  MOD: '%',
  POW: '^',
  STEP: 'step',
  RANGE: 'range',
  MIN_OF: 'min_of',
  MAX_OF: 'max_of',
};
/** A sign binds like `*`, so its operand takes `^` along. */
const UNARY_OPERAND_PRECEDENCE = 3;
const STARTERS = new Set<TokenType>([
  'NUMBER',
  'DURATION',
  'STEP',
  'RANGE',
  'MIN_OF',
  'MAX_OF',
  'LEFT_PAREN',
  'ADD',
  'SUB',
]);

/** Where a duration is read; `expected` completes "unexpected … in <context>, expected …". */
export interface DurationContext {
  readonly context: string;
  readonly expected: string;
}

/** Whether the next token can start a duration expression. */
export function startsDuration(p: Parser): boolean {
  return STARTERS.has(p.peek().type);
}

/** Parses a duration expression inside brackets, with `+ - * / % ^` and parentheses. */
export function parseDurationExpr(
  p: Parser,
  ctx: DurationContext,
  minPrecedence = 0,
): DurationNode {
  let lhs = parseDurationUnary(p, ctx);
  for (;;) {
    const op = p.peek();
    const precedence = PRECEDENCE[op.type];
    if (precedence === undefined || precedence < minPrecedence) return lhs;
    p.take();
    const rhs = parseDurationExpr(p, ctx, op.type === 'POW' ? precedence : precedence + 1);
    lhs = binary(p, op, lhs, rhs);
  }
}

/**
 * Parses the duration after `offset`: an optionally signed literal, step(), range(),
 * min_of()/max_of() or parenthesised expression, so `foo offset 1m * 2` multiplies
 * the selector, not the offset.
 */
export function parseOffsetDuration(p: Parser, ctx: DurationContext): DurationNode {
  return parseDurationUnary(p, ctx, true);
}

function parseDurationUnary(p: Parser, ctx: DurationContext, atomOnly = false): DurationNode {
  const sign = p.peek();
  if (sign.type !== 'ADD' && sign.type !== 'SUB') return parseAtom(p, ctx);
  p.take();
  if (!startsDuration(p)) p.unexpected(ctx.context, ctx.expected);
  const operand = atomOnly
    ? parseAtom(p, ctx)
    : parseDurationExpr(p, ctx, UNARY_OPERAND_PRECEDENCE);
  const pos = { start: sign.offset, end: operand.pos.end };
  if (operand.kind === 'NumberLiteral') {
    const value = sign.type === 'SUB' ? -operand.value : operand.value;
    if (outOfRange(value)) p.fail(sign.offset, 'duration out of range');
    return { ...operand, value, pos };
  }
  if (sign.type === 'ADD') return operand;
  return node('-', undefined, operand, pos);
}

function parseAtom(p: Parser, ctx: DurationContext): DurationNode {
  const token = p.peek();
  switch (token.type) {
    case 'NUMBER':
    case 'DURATION': {
      const literal = parseLiteral(p) as NumberLiteral;
      if (outOfRange(literal.value)) p.fail(literal.pos.start, 'duration out of range');
      return literal;
    }
    case 'STEP':
    case 'RANGE':
      p.take();
      // Prometheus sees a bare `step` as a missing duration.
      p.expect('LEFT_PAREN', ctx.context, ctx.expected);
      p.expect('RIGHT_PAREN', ctx.context, ctx.expected);
      return experimental(p, node(OPS[token.type]!, undefined, undefined, span(token, p)));
    case 'MIN_OF':
    case 'MAX_OF':
      return parseMinMax(p, ctx, token);
    case 'LEFT_PAREN':
      return parseParen(p, ctx);
  }
  return p.unexpected(ctx.context, ctx.expected);
}

function parseMinMax(p: Parser, ctx: DurationContext, token: Token): DurationExpr {
  p.take();
  p.expect('LEFT_PAREN', ctx.context, '"("');
  const lhs = parseDurationExpr(p, ctx);
  p.expect('COMMA', ctx.context, '","');
  const rhs = parseDurationExpr(p, ctx);
  p.expect('RIGHT_PAREN', ctx.context, '")"');
  return experimental(p, node(OPS[token.type]!, lhs, rhs, span(token, p)));
}

function parseParen(p: Parser, ctx: DurationContext): DurationExpr {
  const open = p.take();
  const inner = parseDurationExpr(p, ctx);
  p.expect('RIGHT_PAREN', ctx.context, '")"');
  experimental(p, inner);
  const pos = span(open, p);
  // A parenthesised literal becomes a wrapped unary plus, as in Prometheus.
  if (inner.kind === 'NumberLiteral') return { ...node('+', undefined, inner, pos), wrapped: true };
  return { ...inner, wrapped: true, pos };
}

function binary(p: Parser, op: Token, lhs: DurationNode, rhs: DurationNode): DurationExpr {
  experimental(p, lhs);
  const zero = rhs.kind === 'NumberLiteral' && rhs.value === 0;
  if (zero && op.type === 'DIV') p.fail(op.offset, 'division by zero');
  if (zero && op.type === 'MOD') p.fail(op.offset, 'modulo by zero');
  return node(OPS[op.type]!, lhs, rhs, { start: lhs.pos.start, end: rhs.pos.end });
}

// Prometheus reports the feature at the first operand (or the node) that needs it.
function experimental<T extends DurationNode>(p: Parser, at: T): T {
  if (!p.options.durationExpressions) {
    p.fail(at.pos.start, 'experimental duration expression is not enabled');
  }
  return at;
}

function node(
  op: DurationOp,
  lhs: DurationNode | undefined,
  rhs: DurationNode | undefined,
  pos: PosRange,
): DurationExpr {
  return { kind: 'DurationExpr', op, lhs, rhs, wrapped: false, pos };
}

function span(first: Token, p: Parser): PosRange {
  return { start: first.offset, end: p.lastTokenEnd };
}

// Whether `seconds` exceeds what a Go time.Duration holds.
function outOfRange(seconds: number): boolean {
  return !(Math.abs(seconds) <= MAX_DURATION_SECONDS);
}
