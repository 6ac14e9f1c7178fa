import { goFixed6 } from '@promethium/model';
import { roundHalfAwayFromZero, secondsToMs } from '../duration.js';
import { signedSeconds } from './literal.js';
import type { Parser } from './parser.js';
import type { AtModifier, Expr, MatrixSelector, VectorSelector } from './ast.js';

// Go's time.Duration holds ±2^63 nanoseconds; Prometheus refuses longer durations.
const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;
const DURATION_EXPECTED = 'number, duration, step(), or range()';
const DURATION_OPERATORS = new Set(['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'POW', 'LEFT_PAREN']);
const SELECTOR_EXPECTED = 'an instant vector selector or range vector selector or a subquery';

/** Applies the `[range]`, `offset` and `@` modifiers that follow `expr`, binding tighter than any operator. */
export function parsePostfix(p: Parser, expr: Expr): Expr {
  for (;;) {
    switch (p.peek().type) {
      case 'LEFT_BRACKET':
        expr = parseRange(p, expr);
        break;
      case 'OFFSET':
        expr = parseOffset(p, expr);
        break;
      case 'AT':
        expr = parseAt(p, expr);
        break;
      default:
        return expr;
    }
  }
}

function parseRange(p: Parser, expr: Expr): MatrixSelector {
  const open = p.take();
  const first = p.peek();
  if (first.type === 'LEFT_PAREN')
    p.fail(first.offset, 'experimental duration expression is not enabled');
  const seconds = signedSeconds(p);
  if (seconds === undefined) p.unexpected('subquery or range selector', DURATION_EXPECTED);
  if (DURATION_OPERATORS.has(p.peek().type)) {
    p.fail(first.offset, 'experimental duration expression is not enabled');
  }
  if (!(Math.abs(seconds) < MAX_DURATION_SECONDS)) p.fail(first.offset, 'duration out of range');
  if (seconds <= 0) p.fail(first.offset, 'duration must be greater than 0');
  const next = p.peek();
  if (next.type === 'COLON') p.notSupported(open.offset, 'subqueries');
  if (next.type !== 'RIGHT_BRACKET') p.unexpected('subquery or range', '":" or "]"');
  const close = p.take();
  if (expr.kind !== 'VectorSelector')
    p.fail(open.offset, 'ranges only allowed for vector selectors');
  if (expr.offsetMs !== 0) p.fail(open.offset, 'no offset modifiers allowed before range');
  if (expr.at) p.fail(open.offset, 'no @ modifiers allowed before range');
  return {
    kind: 'MatrixSelector',
    selector: expr,
    rangeMs: secondsToMs(seconds),
    pos: { start: expr.pos.start, end: close.offset + 1 },
  };
}

function parseOffset(p: Parser, expr: Expr): Expr {
  p.take();
  const first = p.peek();
  const seconds = signedSeconds(p);
  if (seconds === undefined) p.unexpected('offset', DURATION_EXPECTED);
  if (!(Math.abs(seconds) < MAX_DURATION_SECONDS)) p.fail(first.offset, 'duration out of range');
  const selector = modifiable(p, expr, 'offset modifier');
  if (selector.offsetMs !== 0) p.fail(expr.pos.start, 'offset may not be set multiple times');
  return rebuild(expr, { ...selector, offsetMs: secondsToMs(seconds) }, p.lastTokenEnd);
}

function parseAt(p: Parser, expr: Expr): Expr {
  p.take();
  const at = parseAtValue(p, expr);
  const selector = modifiable(p, expr, '@ modifier');
  if (selector.at) p.fail(expr.pos.start, '@ <timestamp> may not be set multiple times');
  return rebuild(expr, { ...selector, at }, p.lastTokenEnd);
}

function parseAtValue(p: Parser, expr: Expr): AtModifier {
  const head = p.peek();
  if (head.type === 'START' || head.type === 'END') {
    p.take();
    if (p.peek().type !== 'LEFT_PAREN') p.unexpected('@', 'timestamp');
    p.take();
    if (p.peek().type !== 'RIGHT_PAREN') p.unexpected('@', 'timestamp');
    p.take();
    return { kind: head.type === 'START' ? 'start' : 'end' };
  }
  const seconds = signedSeconds(p);
  if (seconds === undefined) p.unexpected('@', 'timestamp');
  // Prometheus stores the time as int64 milliseconds.
  if (!Number.isFinite(seconds) || Math.abs(seconds) >= 2 ** 63) {
    p.fail(expr.pos.start, `timestamp out of bounds for @ modifier: ${goFixed6(seconds)}`);
  }
  return { kind: 'timestamp', ms: roundHalfAwayFromZero(seconds * 1000) };
}

function modifiable(p: Parser, expr: Expr, what: string): VectorSelector {
  if (expr.kind === 'VectorSelector') return expr;
  if (expr.kind === 'MatrixSelector') return expr.selector;
  return p.fail(expr.pos.start, `${what} must be preceded by ${SELECTOR_EXPECTED}`);
}

function rebuild(expr: Expr, selector: VectorSelector, end: number): Expr {
  if (expr.kind === 'MatrixSelector') return { ...expr, selector, pos: { ...expr.pos, end } };
  return { ...selector, pos: { ...selector.pos, end } };
}
