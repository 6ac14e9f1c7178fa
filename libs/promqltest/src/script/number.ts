import { FragmentError } from '../errors.js';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/**
 * A number as the test harness reads one: first as a Go integer literal with a base
 * prefix (`0x1f`, `0o17`, `017`, `0b101`, underscores between digits), else as a
 * Go float (`1.5e3`, `.5`, `Inf`, `+inf`, `NaN`). Throws FragmentError otherwise.
 */
export function parseNumberText(text: string): number {
  const value = parseInteger(text) ?? parseFloatText(text);
  if (value === undefined) throw new FragmentError(`invalid number ${JSON.stringify(text)}`, 0);
  return value;
}

function splitSign(text: string): [sign: 1 | -1, rest: string] {
  if (text.startsWith('-')) return [-1, text.slice(1)];
  if (text.startsWith('+')) return [1, text.slice(1)];
  return [1, text];
}

// Underscores may only separate digits (a base prefix counts as a digit), as in Go.
function underscoresValid(body: string): boolean {
  return !/(^_|_$|__|[^0-9a-zA-Z]_|_[^0-9a-zA-Z])/.test(body);
}

function parseInteger(text: string): number | undefined {
  const [sign, body] = splitSign(text);
  if (!underscoresValid(body)) return undefined;
  const digits = body.replaceAll('_', '');
  let literal: string | undefined;
  if (/^0[xX][0-9a-fA-F]+$/.test(digits) || /^0[bB][01]+$/.test(digits)) literal = digits;
  else if (/^0[oO][0-7]+$/.test(digits)) literal = '0o' + digits.slice(2);
  else if (/^0[0-7]+$/.test(digits)) literal = '0o' + digits.slice(1);
  else if (/^[0-9]+$/.test(digits) && (digits === '0' || !digits.startsWith('0'))) literal = digits;
  if (literal === undefined) return undefined;
  const value = BigInt(sign) * BigInt(literal);
  // Out of int64 range Go's ParseInt fails and the harness falls back to ParseFloat.
  if (value > INT64_MAX || value < INT64_MIN) return undefined;
  return Number(value);
}

function parseFloatText(text: string): number | undefined {
  const [sign, body] = splitSign(text);
  const lower = body.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  if (lower === 'nan') return Number.NaN;
  if (!underscoresValid(body)) return undefined;
  const digits = body.replaceAll('_', '');
  if (!/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(digits)) return undefined;
  const value = sign * Number(digits);
  // Go reports an overflow as an error rather than returning an infinity.
  return Number.isFinite(value) ? value : undefined;
}

/** parseNumberText for a number found at `offset` of a larger piece; errors carry that offset. */
export function parseNumberAt(text: string, offset: number): number {
  try {
    return parseNumberText(text);
  } catch (err) {
    if (err instanceof FragmentError) throw new FragmentError(err.message, offset, { cause: err });
    throw err;
  }
}
