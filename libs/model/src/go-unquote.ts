const SIMPLE_UNESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 0x5c,
};

/**
 * Go's strconv.Unquote for "..." (Go escapes; \x and octal escapes are single bytes), `...`
 * (raw, carriage returns dropped) and '...' (one character), as the bytes Go's string would
 * hold: they need not be valid UTF-8. Undefined for anything Go refuses.
 */
export function goUnquoteBytes(s: string): Uint8Array | undefined {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : Buffer.from(body.replaceAll('\r', ''));
  if (q !== '"' && q !== "'") return undefined;
  const bytes: number[] = [];
  let i = 0;
  let runes = 0;
  while (i < body.length) {
    const ch = String.fromCodePoint(body.codePointAt(i)!);
    if (ch === q || ch === '\n') return undefined;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    } else {
      const escaped = unescapeAt(body, i + 1, q);
      if (escaped === undefined) return undefined;
      bytes.push(...escaped.bytes);
      i = escaped.end;
    }
    runes++;
  }
  if (q === "'" && runes !== 1) return undefined;
  return Uint8Array.from(bytes);
}

/** goUnquoteBytes as text; bytes that are not UTF-8 become U+FFFD. */
export function goUnquote(s: string): string | undefined {
  const bytes = goUnquoteBytes(s);
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}

/** The bytes of the escape sequence whose letter is at `i`, and where it ends. */
function unescapeAt(s: string, i: number, q: string): { bytes: number[]; end: number } | undefined {
  const c = s[i];
  if (c === undefined) return undefined;
  const simple = SIMPLE_UNESCAPES[c];
  if (simple !== undefined) return { bytes: [simple], end: i + 1 };
  if (c === q) return { bytes: [c.charCodeAt(0)], end: i + 1 };
  const hexLength = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const digits = s.slice(i + 1, i + 1 + hexLength);
    if (!HEX_DIGITS[hexLength]!.test(digits)) return undefined;
    const v = parseInt(digits, 16);
    const end = i + 1 + hexLength;
    // \x is a byte in strings and a character in character literals.
    if (c === 'x') return q === "'" ? runeBytes(v, end) : { bytes: [v], end };
    return isUnicodeScalar(v) ? runeBytes(v, end) : undefined;
  }
  if (c >= '0' && c <= '7') {
    const digits = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const v = parseInt(digits, 8);
    if (v > 255) return undefined;
    return q === "'" ? runeBytes(v, i + 3) : { bytes: [v], end: i + 3 };
  }
  return undefined;
}

const HEX_DIGITS: Readonly<Record<number, RegExp>> = {
  2: /^[0-9a-fA-F]{2}$/,
  4: /^[0-9a-fA-F]{4}$/,
  8: /^[0-9a-fA-F]{8}$/,
};

function isUnicodeScalar(cp: number): boolean {
  return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
}

function runeBytes(cp: number, end: number): { bytes: number[]; end: number } {
  return { bytes: [...Buffer.from(String.fromCodePoint(cp), 'utf8')], end };
}
