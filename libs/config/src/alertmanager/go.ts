// Alertmanager is written in Go: these reproduce the few Go library behaviours its
// configuration depends on (what counts as a space, how integers and durations are read),
// so that the same inputs are accepted and refused with the same messages.

// unicode.IsSpace: Latin-1 spaces plus the White_Space property (no U+FEFF, unlike JS \s).
const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000';

/** Go's unicode.IsSpace for one character. */
export function isGoSpace(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return GO_SPACE.includes(ch) || (cp >= 0x2000 && cp <= 0x200a);
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && isGoSpace(chars[start]!)) start++;
  while (end > start && isGoSpace(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

// With the `u` flag only an unpaired surrogate is a code point of category Cs: such a string
// has no UTF-8 encoding, which is what Go's utf8.ValidString refuses.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `s` is valid UTF-8 once encoded (has no unpaired surrogate). */
export function isValidUtf8(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** Go's string order (UTF-8 bytes, i.e. code points), where JS's `<` compares UTF-16 units. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.Atoi on a 64-bit machine; throws Error with Go's message. */
export function goAtoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const value = BigInt(s);
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return Number(value);
}

const NS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/**
 * Go's time.ParseDuration, in milliseconds (fractions kept): signed decimal numbers with the
 * units ns, us, µs, ms, s, m, h in any order (`1h30m`, `1.5s`, `-2m`); `0` alone needs no unit.
 * Returns undefined for text Go refuses.
 */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let totalNs = 0;
  const part = /^([0-9]*(?:\.[0-9]*)?)([^0-9.]*)/;
  while (rest !== '') {
    const [whole = '', number = '', unit = ''] = part.exec(rest) ?? [];
    if (number === '' || number === '.' || unit === '') return undefined;
    const ns = NS_PER_UNIT[unit];
    if (ns === undefined) return undefined;
    totalNs += Number(number) * ns;
    rest = rest.slice(whole.length);
  }
  if (totalNs > 2 ** 63) return undefined;
  return (sign * totalNs) / 1e6;
}
