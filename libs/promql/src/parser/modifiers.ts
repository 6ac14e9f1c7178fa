import { goFixed6 } from '@promethium/model';
import { roundHalfAwayFromZero, secondsToMs } from '../duration.js';
import type { Token } from '../lexer/token.js';
import { parseDurationExpr, parseOffsetDuration, startsDuration } from './duration-expr.js';
import type { DurationNode } from './duration-expr.js';
import { signedSeconds } from './literal.js';
import type { Parser } from './parser.js';
import { valueTypeOf } from './ast.js';
import type {
  AtModifier,
  DurationExpr,
  Expr,
  MatrixSelector,
  SubqueryExpr,
  TimeModifiers,
} from './ast.js';

const DURATION_EXPECTED = 'number, duration, step(), or range()';
const SELECTOR_EXPECTED = 'an instant vector selector or range vector selector or a subquery';
const RANGE_CONTEXT = { context: 'subquery or range selector', expected: DURATION_EXPECTED };
const STEP_CONTEXT = {
  context: 'subquery selector',
  expected: 'number, duration, step(), range(), or "]"',
};

/**
 * Applies the `[range]`, `[range:step]`, `offset`, `@`, `anchored` and `smoothed`
 * modifiers that follow `expr`, binding tighter than any operator.
 */
export function parsePostfix(p: Parser, expr: Expr): Expr {
  for (;;) {
    switch (p.peek().type) {
      case 'LEFT_BRACKET':
        expr = parseBrackets(p, expr);
        break;
      case 'OFFSET':
        expr = parseOffset(p, expr);
        break;
      case 'AT':
        expr = parseAt(p, expr);
        break;
      case 'ANCHORED':
      case 'SMOOTHED':
        expr = parseExtended(p, expr, p.take());
        break;
      default:
        return expr;
    }
  }
}

/** A duration that must be positive; returns [milliseconds, expression]. */
function parsePositive(p: Parser, ctx: typeof RANGE_CONTEXT): [number, DurationExpr | undefined] {
  const node = parseDurationExpr(p, ctx);
  if (node.kind === 'DurationExpr') return [0, node];
  if (node.value <= 0) p.fail(node.pos.start, 'duration must be greater than 0');
  return [secondsToMs(node.value), undefined];
}

function parseBrackets(p: Parser, expr: Expr): MatrixSelector | SubqueryExpr {
  const open = p.take();
  if (!startsDuration(p)) p.unexpected(RANGE_CONTEXT.context, RANGE_CONTEXT.expected);
  const [rangeMs, rangeExpr] = parsePositive(p, RANGE_CONTEXT);
  if (p.peek().type === 'COLON') return parseSubquery(p, expr, rangeMs, rangeExpr);
  if (p.peek().type !== 'RIGHT_BRACKET') p.unexpected('subquery or range', '":" or "]"');
  const close = p.take();
  if (expr.kind !== 'VectorSelector') {
    p.fail(open.offset, 'ranges only allowed for vector selectors');
  }
  if (expr.offsetMs !== 0 || expr.offsetExpr) {
    p.fail(open.offset, 'no offset modifiers allowed before range');
  }
  if (expr.at) p.fail(open.offset, 'no @ modifiers allowed before range');
  return {
    kind: 'MatrixSelector',
    selector: expr,
    rangeMs,
    rangeExpr,
    pos: { start: expr.pos.start, end: close.offset + 1 },
  };
}

function parseSubquery(
  p: Parser,
  expr: Expr,
  rangeMs: number,
  rangeExpr: DurationExpr | undefined,
): SubqueryExpr {
  p.take();
  let [stepMs, stepExpr]: [number, DurationExpr | undefined] = [0, undefined];
  if (p.peek().type !== 'RIGHT_BRACKET') {
    if (!startsDuration(p)) p.unexpected(STEP_CONTEXT.context, STEP_CONTEXT.expected);
    [stepMs, stepExpr] = parsePositive(p, STEP_CONTEXT);
  }
  const close = p.expect('RIGHT_BRACKET', 'subquery selector', '"]"');
  const pos = { start: expr.pos.start, end: close.offset + 1 };
  const type = valueTypeOf(expr);
  if (type !== 'vector') {
    p.fail(pos.start, `subquery is only allowed on instant vector, got ${type} instead`);
  }
  const time = { offsetMs: 0, offsetExpr: undefined, at: undefined };
  return { kind: 'SubqueryExpr', expr, rangeMs, rangeExpr, stepMs, stepExpr, ...time, pos };
}

function parseOffset(p: Parser, expr: Expr): Expr {
  p.take();
  if (!startsDuration(p)) p.unexpected('offset', DURATION_EXPECTED);
  const node: DurationNode = parseOffsetDuration(p, {
    context: 'offset',
    expected: DURATION_EXPECTED,
  });
  const target = modifiable(p, expr, 'offset modifier');
  if (target.offsetMs !== 0 || target.offsetExpr) {
    p.fail(expr.pos.start, 'offset may not be set multiple times');
  }
  const offset =
    node.kind === 'NumberLiteral'
      ? { offsetMs: secondsToMs(node.value), offsetExpr: undefined }
      : { offsetMs: 0, offsetExpr: node };
  return rebuild(expr, offset, p.lastTokenEnd);
}

function parseAt(p: Parser, expr: Expr): Expr {
  p.take();
  const at = parseAtValue(p, expr);
  const target = modifiable(p, expr, '@ modifier');
  if (target.at) p.fail(expr.pos.start, '@ <timestamp> may not be set multiple times');
  return rebuild(expr, { at }, p.lastTokenEnd);
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

function parseExtended(p: Parser, expr: Expr, token: Token): Expr {
  const which = token.type === 'ANCHORED' ? 'anchored' : 'smoothed';
  const start = expr.pos.start;
  if (!p.options.extendedRangeSelectors) {
    p.fail(start, `${which} modifier is experimental and not enabled`);
  }
  if (expr.kind === 'SubqueryExpr')
    p.fail(start, `${which} modifier is not supported for subqueries`);
  if (expr.kind !== 'VectorSelector' && expr.kind !== 'MatrixSelector') {
    p.fail(start, `${which} modifier not implemented`);
  }
  const selector = expr.kind === 'MatrixSelector' ? expr.selector : expr;
  const updated = { ...selector, [which]: true };
  if (updated.anchored && updated.smoothed) {
    p.fail(start, 'anchored and smoothed modifiers cannot be used together');
  }
  return expr.kind === 'MatrixSelector' ? { ...expr, selector: updated } : updated;
}

function modifiable(p: Parser, expr: Expr, what: string): TimeModifiers {
  if (expr.kind === 'VectorSelector' || expr.kind === 'SubqueryExpr') return expr;
  if (expr.kind === 'MatrixSelector') return expr.selector;
  return p.fail(expr.pos.start, `${what} must be preceded by ${SELECTOR_EXPECTED}`);
}

function rebuild(expr: Expr, change: Partial<TimeModifiers>, end: number): Expr {
  switch (expr.kind) {
    case 'MatrixSelector':
      return { ...expr, selector: { ...expr.selector, ...change }, pos: { ...expr.pos, end } };
    case 'VectorSelector':
    case 'SubqueryExpr':
      return { ...expr, ...change, pos: { ...expr.pos, end } };
    default:
      throw new Error(`BUG: ${expr.kind} takes no time modifiers`);
  }
}
