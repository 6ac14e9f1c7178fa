// Go's strconv formatting that fmt builds on: FormatFloat (shortest and fixed precision, with
// Go's exact round-half-to-even) and Quote/QuoteRune.

/** Decimal digits `d` (no leading or trailing zeros) with the point after `dp` of them. */
interface Decimal {
  readonly d: string;
  readonly dp: number;
}

const ZERO: Decimal = { d: '', dp: 0 };

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';

/** Go's strconv.FormatFloat(v, fmt, prec, 64); a negative prec asks for the shortest digits. */
export function formatFloat(v: number, fmt: FloatFormat, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  if (fmt === 'b') return (neg ? '-' : '') + binaryExponent(abs);
  if (fmt === 'x' || fmt === 'X') return hexFloat(neg, abs, fmt, prec);
  const shortest = prec < 0;
  let digits: Decimal;
  let p = prec;
  if (shortest) {
    digits = shortestDigits(abs);
    if (fmt === 'e' || fmt === 'E') p = digits.d.length - 1;
    else if (fmt === 'f') p = Math.max(digits.d.length - digits.dp, 0);
    else p = digits.d.length;
  } else {
    const exact = exactDigits(abs);
    if (fmt === 'e' || fmt === 'E') digits = round(exact, p + 1);
    else if (fmt === 'f') digits = round(exact, exact.dp + p);
    else {
      if (p === 0) p = 1;
      digits = round(exact, p);
    }
  }
  return formatDigits(neg, digits, p, fmt, shortest);
}

function formatDigits(
  neg: boolean,
  d: Decimal,
  prec: number,
  fmt: 'e' | 'E' | 'f' | 'g' | 'G',
  shortest: boolean,
): string {
  if (fmt === 'e' || fmt === 'E') return formatE(neg, d, prec, fmt);
  if (fmt === 'f') return formatF(neg, d, prec);
  let eprec = prec;
  if (eprec > d.d.length && d.d.length >= d.dp) eprec = d.d.length;
  // Shortest output switches to exponent form as %e would at precision 6.
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    const p = prec > d.d.length ? d.d.length : prec;
    return formatE(neg, d, p - 1, fmt === 'g' ? 'e' : 'E');
  }
  const p = prec > d.dp ? d.d.length : prec;
  return formatF(neg, d, Math.max(p - d.dp, 0));
}

/** -d.ddddde±dd */
function formatE(neg: boolean, d: Decimal, prec: number, e: 'e' | 'E'): string {
  let s = neg ? '-' : '';
  s += d.d.length > 0 ? d.d[0] : '0';
  if (prec > 0) s += '.' + d.d.slice(1, prec + 1).padEnd(prec, '0');
  const exp = d.d.length === 0 ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return s + e + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' + abs : String(abs));
}

/** -ddddd.ddd */
function formatF(neg: boolean, d: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  if (d.dp > 0) s += d.d.slice(0, d.dp).padEnd(d.dp, '0');
  else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      s += j >= 0 && j < d.d.length ? d.d[j] : '0';
    }
  }
  return s;
}

/** The shortest digits that read back as `abs`, as JS and Go both produce them. */
function shortestDigits(abs: number): Decimal {
  if (abs === 0) return ZERO;
  const [mantissa, exponent] = abs.toExponential().split('e') as [string, string];
  return { d: mantissa.replace('.', '').replace(/0+$/, ''), dp: Number(exponent) + 1 };
}

const F64 = new DataView(new ArrayBuffer(8));

/** The mantissa and binary exponent of a finite double: abs = mant * 2**exp. */
function bits(abs: number): { mant: bigint; exp: number } {
  F64.setFloat64(0, abs);
  const raw = F64.getBigUint64(0);
  const biased = Number((raw >> 52n) & 0x7ffn);
  const fraction = raw & ((1n << 52n) - 1n);
  if (biased === 0) return { mant: fraction, exp: -1074 };
  return { mant: fraction | (1n << 52n), exp: biased - 1075 };
}

/** Every decimal digit of a double, exactly (a double is a dyadic rational). */
function exactDigits(abs: number): Decimal {
  if (abs === 0) return ZERO;
  const { mant, exp } = bits(abs);
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    // mant / 2**k = mant * 5**k / 10**k
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  const trimmed = digits.replace(/0+$/, '');
  return { d: trimmed, dp };
}

/** Rounds to `nd` digits, halfway cases to even, as Go's decimal.Round. */
function round(x: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= x.d.length) return x;
  if (!shouldRoundUp(x, nd)) {
    const d = x.d.slice(0, nd).replace(/0+$/, '');
    return d === '' ? ZERO : { d, dp: x.dp };
  }
  let i = nd - 1;
  while (i >= 0 && x.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return { d: x.d.slice(0, i) + String(Number(x.d[i]) + 1), dp: x.dp };
}

function shouldRoundUp(x: Decimal, nd: number): boolean {
  if (x.d[nd] === '5' && nd + 1 === x.d.length) {
    return nd > 0 && Number(x.d[nd - 1]) % 2 === 1;
  }
  return x.d[nd]! >= '5';
}

/** %b: decimal mantissa and binary exponent, as 4503599627370496p-52. */
function binaryExponent(abs: number): string {
  if (abs === 0) return '0p-1074';
  const { mant, exp } = bits(abs);
  return `${mant}p${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

const BIT60 = 1n << 60n;
const MASK60 = BIT60 - 1n;

/** %x: -0x1.yyyyp±dd, rounded to `prec` hex digits when prec >= 0. */
function hexFloat(neg: boolean, abs: number, fmt: 'x' | 'X', prec: number): string {
  let mant = 0n;
  let exp = 0;
  if (abs !== 0) {
    const b = bits(abs);
    mant = b.mant << 8n;
    exp = b.exp + 52;
    while ((mant & BIT60) === 0n) {
      mant <<= 1n;
      exp--;
    }
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & MASK60;
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'x' ? '0123456789abcdef' : '0123456789ABCDEF';
  let s = (neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const digit = (): string => {
    const h = hex[Number((mant >> 60n) & 15n)]!;
    mant = (mant << 4n) & ((1n << 64n) - 1n);
    return h;
  };
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) s += digit();
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digit();
  }
  const absExp = Math.abs(exp);
  return s + (fmt === 'x' ? 'p' : 'P') + (exp < 0 ? '-' : '+') + String(absExp).padStart(2, '0');
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

function escapeRune(cp: number, quote: number, asciiOnly: boolean): string {
  if (cp === quote || cp === 0x5c) return '\\' + String.fromCharCode(cp);
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return String.fromCodePoint(cp);
  const short = SHORT_ESCAPES[cp];
  if (short !== undefined) return short;
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** Go's strconv.Quote (or QuoteToASCII). */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, 0x22, asciiOnly);
  return out + '"';
}

/** Go's strconv.QuoteRune (or QuoteRuneToASCII); invalid code points quote as U+FFFD. */
export function quoteRune(cp: number, asciiOnly = false): string {
  const r = validRune(cp) ? cp : 0xfffd;
  return "'" + escapeRune(r, 0x27, asciiOnly) + "'";
}

export function validRune(cp: number): boolean {
  return cp >= 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
}

/** Go's strconv.CanBackquote: no backquote, no control character but tab, no BOM. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x60 || cp === 0xfeff || (cp < 0x20 && cp !== 9) || cp === 0x7f) return false;
    if (cp >= 0xd800 && cp <= 0xdfff) return false;
  }
  return true;
}

/** Go's underscoreOK: underscores only between digits, or after a base prefix. */
export function underscoresOK(s: string): boolean {
  if (!s.includes('_')) return true;
  let body = s;
  let prefixed = false;
  if (/^0[xXoObB]/.test(body)) {
    body = body.slice(2);
    prefixed = true;
  }
  const parts = body.split('_');
  return (
    parts.every((p, i) => p !== '' || (i === 0 && prefixed)) && !/_[.eEpP]|[.eEpP]_/.test(body)
  );
}

/** A decimal or hexadecimal floating-point literal in Go syntax; undefined when malformed. */
export function parseFloatLiteral(text: string): number | undefined {
  if (!underscoresOK(text.replace(/^[+-]/, ''))) return undefined;
  const clean = text.replaceAll('_', '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) return Number(clean);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(clean);
  if (hex === null) return undefined;
  const [, sign, whole = '', frac = '', exp = '0'] = hex;
  if (whole === '' && frac === '') return undefined;
  const mantissa = Number(BigInt('0x' + whole + frac));
  const v = mantissa * 2 ** (Number(exp) - 4 * frac.length);
  return sign === '-' ? -v : v;
}

/** Go's strconv.ParseFloat(s, 64), throwing its error text. */
export function parseFloat(s: string): number {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special !== null) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  const v = parseFloatLiteral(s);
  if (v === undefined) throw new Error(`strconv.ParseFloat: parsing ${quote(s)}: invalid syntax`);
  if (!Number.isFinite(v))
    throw new Error(`strconv.ParseFloat: parsing ${quote(s)}: value out of range`);
  return v;
}
