import { parseDuration } from '@promethium/model';
import type { Token } from '../lexer/token.js';
import { parseNumber } from './number.js';
import type { Parser } from './parser.js';
import type { NumberLiteral, StringLiteral } from './ast.js';

/** Parses the NUMBER, DURATION or STRING token that comes next. */
export function parseLiteral(p: Parser): NumberLiteral | StringLiteral {
  const token = p.take();
  const pos = { start: token.offset, end: token.offset + token.text.length };
  if (token.type === 'STRING') return { kind: 'StringLiteral', value: token.value, pos };
  return {
    kind: 'NumberLiteral',
    value: tokenSeconds(p, token),
    duration: token.type === 'DURATION',
    pos,
  };
}

/** The value of a NUMBER token, or of a DURATION token in seconds. */
export function tokenSeconds(p: Parser, token: Token): number {
  try {
    if (token.type === 'DURATION') return parseDuration(token.text) / 1000;
    return parseNumber(token.text);
  } catch (err) {
    const message = (err as Error).message;
    return p.fail(
      token.offset,
      token.type === 'DURATION' ? message : `error parsing number: ${message}`,
      err,
    );
  }
}

/**
 * An optionally signed number or duration, in seconds, as offsets, ranges and `@`
 * take them. Returns undefined when no number or duration follows the optional
 * sign; the sign stays consumed so the caller's error names the token after it.
 */
export function signedSeconds(p: Parser): number | undefined {
  const first = p.peek();
  if (first.type === 'ADD' || first.type === 'SUB') p.take();
  const literal = p.peek();
  if (literal.type !== 'NUMBER' && literal.type !== 'DURATION') return undefined;
  p.take();
  const value = tokenSeconds(p, literal);
  return first.type === 'SUB' ? -value : value;
}
