import { goUnicode } from '@promethium/model';
import { EOF } from './cursor.js';
import type { Cursor } from './cursor.js';
import { decodeUtf8Escaped } from './utf8.js';

/** Reports a lexical error at the start of the current token; never returns. */
export type Fail = (detail: string) => never;

const SIMPLE: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
};

const utf8 = new TextEncoder();

/**
 * Scans a "…" or '…' string whose opening quote was consumed, with Go's escapes
 * (\a \b \f \n \r \t \v \\, the own quote, octal \NNN, \xNN, \uNNNN, \UNNNNNNNN).
 * Octal and \x escapes are bytes, so the value is decoded as UTF-8 at the end (invalid
 * bytes kept as lone surrogates, see decodeUtf8Escaped).
 */
export function scanQuoted(c: Cursor, quote: number, fail: Fail): string {
  const bytes: number[] = [];
  for (;;) {
    const cp = c.next();
    if (cp === quote) return decodeUtf8Escaped(new Uint8Array(bytes));
    if (cp === EOF || cp === 10) fail('unterminated quoted string');
    if (cp === 92) {
      scanEscape(c, quote, bytes, fail);
      continue;
    }
    bytes.push(...utf8.encode(String.fromCodePoint(cp)));
  }
}

/** Scans a `…` string whose opening backquote was consumed; no escapes apply. */
export function scanRaw(c: Cursor, fail: Fail): string {
  const begin = c.pos;
  for (;;) {
    const cp = c.next();
    if (cp === 96) return c.input.slice(begin, c.pos - 1);
    if (cp === EOF) fail('unterminated raw string');
  }
}

function scanEscape(c: Cursor, quote: number, bytes: number[], fail: Fail): void {
  let cp = c.next();
  if (cp === EOF) fail('escape sequence not terminated');
  const simple = SIMPLE[String.fromCodePoint(cp)];
  if (simple !== undefined || cp === quote) {
    bytes.push(simple ?? quote);
    return;
  }
  let digits: number;
  let base: number;
  let max: number;
  if (cp >= 48 && cp <= 55) [digits, base, max] = [3, 8, 255];
  else if (cp === 120) [digits, base, max, cp] = [2, 16, 255, c.next()];
  else if (cp === 117) [digits, base, max, cp] = [4, 16, 0x10ffff, c.next()];
  else if (cp === 85) [digits, base, max, cp] = [8, 16, 0x10ffff, c.next()];
  else fail(`unknown escape sequence ${goUnicode(cp)}`);
  let value = 0;
  for (let left = digits; left > 0; left--) {
    const d = digitValue(cp);
    if (d >= base) {
      if (cp === EOF) fail('escape sequence not terminated');
      fail(`illegal character ${goUnicode(cp)} in escape sequence`);
    }
    value = value * base + d;
    if (left > 1) cp = c.next();
  }
  if (value > max || (value >= 0xd800 && value < 0xe000)) {
    fail('escape sequence is an invalid Unicode code point');
  }
  if (max === 255) bytes.push(value);
  else bytes.push(...utf8.encode(String.fromCodePoint(value)));
}

function digitValue(cp: number): number {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp >= 97 && cp <= 102) return cp - 97 + 10;
  if (cp >= 65 && cp <= 70) return cp - 65 + 10;
  return 16;
}
