import { goQuote } from '@promethium/model';
import type { Token, TokenType } from '../lexer/token.js';
import { tokenSeconds } from './literal.js';
import { parseGroupingLabels } from './grouping.js';
import type { Parser } from './parser.js';
import { valueTypeOf } from './ast.js';
import type {
  BinaryExpr,
  BinaryOp,
  Expr,
  MatchCardinality,
  ValueType,
  VectorMatching,
} from './ast.js';

/** The modifiers between a binary operator and its right operand. */
export interface BinaryModifiers {
  readonly returnBool: boolean;
  readonly matching: VectorMatching;
}

const OPS: Partial<Record<TokenType, BinaryOp>> = {
  ADD: '+',
  SUB: '-',
  MUL: '*',
  DIV: '/',
  MOD: '%',
  POW: '^',
  ATAN2: 'atan2',
  EQLC: '==',
  NEQ: '!=',
  LSS: '<',
  LTE: '<=',
  GTR: '>',
  GTE: '>=',
  TRIM_UPPER: '</',
  TRIM_LOWER: '>/',
  LAND: 'and',
  LOR: 'or',
  LUNLESS: 'unless',
};

const COMPARISONS = new Set<BinaryOp>(['==', '!=', '<', '<=', '>', '>=']);
const SET_OPERATORS = new Set<BinaryOp>(['and', 'or', 'unless']);

/** Parses `bool`, `on(…)`/`ignoring(…)`, `group_left/right(…)` and `fill…(…)`, each optional, in that order. */
export function parseBinaryModifiers(p: Parser): BinaryModifiers {
  const returnBool = p.peek().type === 'BOOL';
  if (returnBool) p.take();
  let card: MatchCardinality = 'one-to-one';
  let labels: string[] = [];
  let include: string[] = [];
  const matchType = p.peek().type;
  const on = matchType === 'ON';
  if (on || matchType === 'IGNORING') {
    p.take();
    labels = parseGroupingLabels(p);
    const group = p.peek().type;
    if (group === 'GROUP_LEFT' || group === 'GROUP_RIGHT') {
      p.take();
      card = group === 'GROUP_LEFT' ? 'many-to-one' : 'one-to-many';
      if (p.peek().type === 'LEFT_PAREN') include = parseGroupingLabels(p);
    }
  }
  return { returnBool, matching: { card, on, labels, include, ...parseFills(p) } };
}

function parseFills(p: Parser): Pick<VectorMatching, 'fillLhs' | 'fillRhs'> {
  const first = p.peek().type;
  if (first === 'FILL') {
    p.take();
    const value = parseFillValue(p);
    return { fillLhs: value, fillRhs: value };
  }
  if (first !== 'FILL_LEFT' && first !== 'FILL_RIGHT')
    return { fillLhs: undefined, fillRhs: undefined };
  p.take();
  const value = parseFillValue(p);
  const other = first === 'FILL_LEFT' ? 'FILL_RIGHT' : 'FILL_LEFT';
  let otherValue: number | undefined;
  if (p.peek().type === other) {
    p.take();
    otherValue = parseFillValue(p);
  }
  return first === 'FILL_LEFT'
    ? { fillLhs: value, fillRhs: otherValue }
    : { fillLhs: otherValue, fillRhs: value };
}

function parseFillValue(p: Parser): number {
  p.expect('LEFT_PAREN', '', '');
  const sign = p.peek().type;
  if (sign === 'ADD' || sign === 'SUB') p.take();
  const literal = p.peek();
  if (literal.type !== 'NUMBER' && literal.type !== 'DURATION') p.unexpected();
  p.take();
  p.expect('RIGHT_PAREN', '', '');
  const value = tokenSeconds(p, literal);
  return sign === 'SUB' ? -value : value;
}

/** Builds `lhs op rhs` and applies Prometheus's type checks to it, in Prometheus's order. */
export function newBinaryExpr(
  p: Parser,
  opToken: Token,
  modifiers: BinaryModifiers,
  lhs: Expr,
  rhs: Expr,
): BinaryExpr {
  const op = OPS[opToken.type];
  if (op === undefined) throw new Error(`BUG: ${opToken.type} is not a binary operator`);
  const pos = { start: lhs.pos.start, end: rhs.pos.end };
  const { returnBool, matching } = modifiers;
  if (isFilled(matching) && !p.options.binopFillModifiers) {
    p.fail(pos.start, 'binop fill modifiers are experimental and not enabled');
  }
  const scalars = valueTypeOf(lhs) === 'scalar' && valueTypeOf(rhs) === 'scalar';
  // Operator errors point at the operator, found after the left operand.
  const opStart = skipSpace(p.input, lhs.pos.end);
  if (returnBool && !COMPARISONS.has(op)) {
    p.fail(opStart, 'bool modifier can only be used on comparison operators');
  }
  if (COMPARISONS.has(op) && !returnBool && scalars) {
    p.fail(opStart, 'comparisons between scalars must use BOOL modifier');
  }
  if (matching.on) {
    const both = matching.labels.find((l) => matching.include.includes(l));
    if (both !== undefined) {
      p.fail(opStart, `label ${goQuote(both)} must not occur in ON and GROUP clause at once`);
    }
  }
  const resolved = resolveMatching(p, op, matching, lhs, rhs);
  return { kind: 'BinaryExpr', op, lhs, rhs, returnBool, matching: resolved, pos };
}

function isFilled(m: VectorMatching): boolean {
  return m.fillLhs !== undefined || m.fillRhs !== undefined;
}

/** The matching that applies: none unless both sides are instant vectors; many-to-many for set operators. */
function resolveMatching(
  p: Parser,
  op: BinaryOp,
  written: VectorMatching,
  lhs: Expr,
  rhs: Expr,
): VectorMatching | undefined {
  const setOp = SET_OPERATORS.has(op);
  const matching: VectorMatching =
    setOp && written.card === 'one-to-one' ? { ...written, card: 'many-to-many' } : written;
  const lt = checkOperand(p, lhs);
  const rt = checkOperand(p, rhs);
  const start = lhs.pos.start;
  if (lt !== 'vector' || rt !== 'vector') {
    if (matching.labels.length > 0) {
      p.fail(start, 'vector matching only allowed between instant vectors');
    }
    if (isFilled(matching)) {
      p.fail(start, 'filling in missing series only allowed between instant vectors');
    }
    // Both operands passed checkOperand, so one of them is a scalar.
    if (setOp) p.fail(start, `set operator ${goQuote(op)} not allowed in binary scalar expression`);
    return undefined;
  }
  if (setOp && matching.card !== 'many-to-many') {
    p.fail(start, `no grouping allowed for ${goQuote(op)} operation`);
  }
  if (setOp && isFilled(matching)) {
    p.fail(start, 'filling in missing series not allowed for set operators');
  }
  return matching;
}

function checkOperand(p: Parser, operand: Expr): ValueType {
  const type = valueTypeOf(operand);
  if (type !== 'scalar' && type !== 'vector') {
    p.fail(
      operand.pos.start,
      'binary expression must contain only scalar and instant vector types',
    );
  }
  return type;
}

function skipSpace(input: string, from: number): number {
  let at = from;
  while (at < input.length && /[ \t\r\n]/.test(input[at]!)) at++;
  return at;
}
