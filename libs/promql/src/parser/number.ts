import { goQuote } from '@promethium/model';

const INT64_MAX = (1n << 63n) - 1n;

/**
 * The value of a NUMBER token as Prometheus computes it: first as a Go integer
 * literal (so `0x1f` is 31 and `010` is octal 8), then as a Go float (`1e3`,
 * `1_000.5`, `Inf`, `NaN`). Throws an Error with Go's message for an invalid or
 * out-of-range number.
 */
export function parseNumber(text: string): number {
  return parseGoInt(text) ?? parseGoFloat(text);
}

function parseGoInt(text: string): number | undefined {
  if (text.includes('_') && !underscoresOk(text)) return undefined;
  const s = text.replaceAll('_', '');
  const prefixed = /^0([xXoObB])(.*)$/.exec(s);
  let literal: string | undefined;
  if (prefixed) {
    const base = prefixed[1]!.toLowerCase();
    const digits = prefixed[2]!;
    const valid = base === 'x' ? /^[0-9a-fA-F]+$/ : base === 'o' ? /^[0-7]+$/ : /^[01]+$/;
    if (valid.test(digits)) literal = `0${base}${digits}`;
  } else if (/^0[0-7]+$/.test(s)) {
    literal = `0o${s.slice(1)}`;
  } else if (/^\d+$/.test(s)) {
    literal = s;
  }
  if (literal === undefined) return undefined;
  const value = BigInt(literal);
  // Beyond int64 Go's ParseInt fails and Prometheus falls back to ParseFloat.
  return value > INT64_MAX ? undefined : Number(value);
}

function parseGoFloat(text: string): number {
  const fail = (reason: string): never => {
    throw new Error(`strconv.ParseFloat: parsing ${goQuote(text)}: ${reason}`);
  };
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (text.includes('_') && !underscoresOk(text)) fail('invalid syntax');
  const s = text.replaceAll('_', '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) fail('invalid syntax');
  const value = Number(s);
  if (!Number.isFinite(value)) fail('value out of range');
  return value;
}

/** Go's rule: an underscore only between digits, or between a base prefix and a digit. */
function underscoresOk(text: string): boolean {
  let s = text.replace(/^[+-]/, '');
  let last: 'start' | 'digit' | 'underscore' | 'other' = 'start';
  let hex = false;
  if (/^0[xXoObB]/.test(s)) {
    hex = /^0[xX]/.test(s);
    s = s.slice(2);
    last = 'digit';
  }
  for (const ch of s) {
    if (/[0-9]/.test(ch) || (hex && /[a-fA-F]/.test(ch))) last = 'digit';
    else if (ch === '_') {
      if (last !== 'digit') return false;
      last = 'underscore';
    } else if (last === 'underscore') return false;
    else last = 'other';
  }
  return last !== 'underscore';
}
