import { isValidUtf8 } from '../go.js';

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  '"': 34,
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const ENCODER = new TextEncoder();

/** The value of `count` hex digits at `at` in `s`, or undefined. */
function hexAt(s: string, at: number, count: number): number | undefined {
  const digits = s.slice(at, at + count);
  return digits.length === count && /^[0-9a-fA-F]+$/.test(digits)
    ? Number.parseInt(digits, 16)
    : undefined;
}

/**
 * Go's strconv.Unquote for a double-quoted string (quotes included), followed by the check
 * that the result is valid UTF-8 (`\x` and octal escapes write single bytes). Returns
 * undefined for anything Go refuses.
 */
export function goUnquote(quoted: string): string | undefined {
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) return undefined;
  const body = quoted.slice(1, -1);
  if (body.includes('\n') || !isValidUtf8(body)) return undefined;
  if (!body.includes('\\')) return body.includes('"') ? undefined : body;
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch === '"') return undefined;
    if (ch !== '\\') {
      const cp = body.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      bytes.push(...ENCODER.encode(char));
      i += char.length;
      continue;
    }
    const escape = unescapeAt(body, i + 1);
    if (escape === undefined) return undefined;
    bytes.push(...escape.bytes);
    i = escape.next;
  }
  try {
    return UTF8.decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

/** The bytes of the escape whose letter is at `at` and the index after it. */
function unescapeAt(s: string, at: number): { bytes: Iterable<number>; next: number } | undefined {
  const c = s[at];
  if (c === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { bytes: [simple], next: at + 1 };
  if (c === 'x') {
    const value = hexAt(s, at + 1, 2);
    return value === undefined ? undefined : { bytes: [value], next: at + 3 };
  }
  if (c === 'u' || c === 'U') {
    const count = c === 'u' ? 4 : 8;
    const value = hexAt(s, at + 1, count);
    const valid = value !== undefined && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff);
    if (!valid) return undefined;
    return { bytes: ENCODER.encode(String.fromCodePoint(value)), next: at + 1 + count };
  }
  const octal = s.slice(at, at + 3);
  if (/^[0-7]{3}$/.test(octal)) {
    const value = Number.parseInt(octal, 8);
    return value > 255 ? undefined : { bytes: [value], next: at + 3 };
  }
  return undefined;
}
