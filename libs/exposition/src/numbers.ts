import { Ch, isDigit } from './cursor.js';
import type { Cursor } from './cursor.js';

/**
 * Parses src[start, end) as a sample value: Go's strconv.ParseFloat syntax minus the
 * forms Prometheus refuses (hex with a `p` exponent, `_` separators). That leaves
 * decimal numbers with optional sign and exponent, `NaN`, and `[+-]Inf`/`Infinity`,
 * the words in any case. Undefined when the text is not such a number or, as in Go,
 * a decimal overflows to infinity.
 */
export function parseFloatText(src: string, start: number, end: number): number | undefined {
  const simple = parseSimpleDecimal(src, start, end);
  if (simple !== undefined) return simple;
  const special = parseSpecial(src, start, end);
  if (special !== undefined) return special;
  if (!isDecimal(src, start, end)) return undefined;
  const value = Number(src.slice(start, end));
  return value === Infinity || value === -Infinity ? undefined : value;
}

/** parseFloatText for the value token src[start, end), throwing ExpositionError when invalid. */
export function parseValue(c: Cursor, start: number, end: number): number {
  const value = parseFloatText(c.src, start, end);
  if (value !== undefined) return value;
  const text = c.src.slice(start, end);
  return isDecimal(c.src, start, end)
    ? c.fail(`value ${text} is out of the float64 range`, start)
    : c.fail(`invalid value ${JSON.stringify(text)}`, start);
}

// Powers of ten a double holds exactly.
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The common `[-]digits[.digits]` with at most 15 digits, without slicing the text: the
 * digits make an integer below 2^53 and the division by an exact power of ten rounds once,
 * so the result is the correctly rounded one Number() gives. Undefined for anything else.
 */
function parseSimpleDecimal(src: string, start: number, end: number): number | undefined {
  const negative = src.charCodeAt(start) === Ch.Minus;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (let i = negative ? start + 1 : start; i < end; i++) {
    const ch = src.charCodeAt(i);
    if (isDigit(ch)) {
      mantissa = mantissa * 10 + (ch - Ch.Zero);
      digits++;
    } else if (ch === Ch.Dot && fraction < 0) {
      fraction = digits;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15 || fraction === digits) return undefined;
  const value = fraction < 0 ? mantissa : mantissa / EXACT_POWERS_OF_TEN[digits - fraction]!;
  return negative ? -value : value;
}

// Only called for tokens starting (after a sign) with a letter, so plain numbers never
// pay for the lower-casing.
function parseSpecial(src: string, start: number, end: number): number | undefined {
  const first = src.charCodeAt(start);
  const signed = first === Ch.Plus || first === Ch.Minus;
  const lead = src.charCodeAt(signed ? start + 1 : start) | 0x20;
  if (lead !== 105 /* i */ && lead !== 110 /* n */) return undefined;
  const word = src.slice(signed ? start + 1 : start, end).toLowerCase();
  if (word === 'inf' || word === 'infinity') return first === Ch.Minus ? -Infinity : Infinity;
  if (word === 'nan' && !signed) return Number.NaN;
  return undefined;
}

// [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
function isDecimal(src: string, start: number, end: number): boolean {
  let i = skipSign(src, start, end);
  const intEnd = skipDigits(src, i, end);
  let digits = intEnd - i;
  i = intEnd;
  if (i < end && src.charCodeAt(i) === Ch.Dot) {
    const fracEnd = skipDigits(src, i + 1, end);
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return false;
  if (i < end && (src.charCodeAt(i) | 0x20) === 101 /* e */) {
    const expStart = skipSign(src, i + 1, end);
    i = skipDigits(src, expStart, end);
    if (i === expStart) return false;
  }
  return i === end;
}

function skipSign(src: string, i: number, end: number): number {
  const c = i < end ? src.charCodeAt(i) : -1;
  return c === Ch.Plus || c === Ch.Minus ? i + 1 : i;
}

function skipDigits(src: string, i: number, end: number): number {
  while (i < end && isDigit(src.charCodeAt(i))) i++;
  return i;
}

/**
 * Parses src[start, end) as a timestamp in milliseconds: an integer with an optional
 * sign, as Go's strconv.ParseInt takes it. Values beyond ±2^53 are refused because a
 * JavaScript number cannot hold them exactly.
 */
export function parseTimestamp(c: Cursor, start: number, end: number): number {
  const src = c.src;
  let i = skipSign(src, start, end);
  if (i === end) c.fail(`invalid timestamp ${JSON.stringify(src.slice(start, end))}`, start);
  for (; i < end; i++) {
    if (!isDigit(src.charCodeAt(i))) {
      c.fail(`invalid timestamp ${JSON.stringify(src.slice(start, end))}`, start);
    }
  }
  const value = Number(src.slice(start, end));
  if (!Number.isSafeInteger(value)) {
    c.fail(`timestamp ${src.slice(start, end)} is out of range (beyond ±2^53 ms)`, start);
  }
  return value === 0 ? 0 : value;
}
