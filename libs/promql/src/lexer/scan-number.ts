import { EOF, isAlphaNumeric } from './cursor.js';
import type { Cursor } from './cursor.js';

const DECIMAL = '0123456789';
const HEX = '0123456789abcdefABCDEF';

/**
 * Scans a number (decimal, hexadecimal, float with exponent, `_` digit separators) as
 * Prometheus's lexer does. The text is not necessarily a valid number; the parser
 * decides. Returns false, with the offending text consumed, when the shape is wrong
 * or a letter follows (which may make it a duration).
 */
export function scanNumber(c: Cursor): boolean {
  const initial = c.pos;
  let digits = DECIMAL;
  if (c.accept('0') && c.accept('xX')) {
    c.accept('_');
    digits = HEX;
  }
  c.accept('.');
  c.accept(digits);
  let dotSeen = false;
  let exponentSeen = false;
  while (c.is(digits + '._eE')) {
    if (c.is('.') && dotSeen) return consumeAndFail(c, '.');
    if (c.is('eE') && exponentSeen) return consumeAndFail(c, 'eE');
    if (c.accept('.')) {
      dotSeen = true;
      // A hexadecimal literal has no fraction.
      if (c.accept('_.') || digits === HEX) return false;
      continue;
    }
    if (c.accept('eE')) {
      exponentSeen = true;
      c.accept('+-');
      if (c.accept('._eE') || c.peek() === EOF) return false;
      continue;
    }
    if (c.accept('_')) {
      if (c.accept('._eE') || c.peek() === EOF) return false;
      continue;
    }
    c.acceptRun(digits);
  }
  if (c.pos === initial) return false;
  return !isAlphaNumeric(c.peek());
}

function consumeAndFail(c: Cursor, valid: string): false {
  c.accept(valid);
  return false;
}

/**
 * After a number, scans the rest of a duration such as `5m`, `1h30m` or `500ms`;
 * unit order and validity are checked when the duration is parsed. On failure the
 * offending character stays consumed so the error names it, as Prometheus does.
 */
export function scanDurationRest(c: Cursor): boolean {
  if (!c.accept('smhdwy')) return false;
  c.accept('s');
  while (c.accept(DECIMAL)) {
    c.acceptRun(DECIMAL);
    // A year can only come first.
    if (!c.accept('smhdw')) return false;
    c.accept('s');
  }
  const cp = c.next();
  if (isAlphaNumeric(cp)) return false;
  c.backup();
  return true;
}
