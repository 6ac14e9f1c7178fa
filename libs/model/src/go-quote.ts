// Prometheus builds its messages with Go's %q and %#U verbs; these helpers render
// strings and characters the same way so error texts match Prometheus exactly.

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  92: '\\\\',
};

/** Whether Go's unicode.IsPrint would accept the code point (close approximation). */
function isPrintable(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp === 0xad || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) return false;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(String.fromCodePoint(cp)) || cp === 0x20;
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

function escapeCodePoint(cp: number, quote: number): string {
  if (cp === quote) return '\\' + String.fromCharCode(quote);
  const short = SHORT_ESCAPES[cp];
  if (short !== undefined) return short;
  if (isPrintable(cp)) return String.fromCodePoint(cp);
  if (cp < 0x80) return '\\x' + hex(cp, 2);
  if (cp < 0x10000) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

/** Go's strconv.Quote: a double-quoted string with Go escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeCodePoint(ch.codePointAt(0)!, 34);
  return out + '"';
}

/** Go's %q for a rune: a single-quoted character; -1 (end of input) renders as U+FFFD. */
export function goQuoteRune(cp: number): string {
  return "'" + escapeCodePoint(cp < 0 ? 0xfffd : cp, 39) + "'";
}

/** Go's %#U: `U+0063 'c'`, or only `U+000A` for an unprintable character. */
export function goUnicode(cp: number): string {
  const code = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isPrintable(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}

/** Go's %.10q...: the first ten characters quoted, then an ellipsis. */
export function goQuoteTruncated(s: string): string {
  return goQuote([...s].slice(0, 10).join('')) + '...';
}

/** Go's %f (six decimals); infinities as "+Inf"/"-Inf". */
export function goFixed6(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (Math.abs(v) < 1e21) return v.toFixed(6);
  return BigInt(v).toString() + '.000000';
}
