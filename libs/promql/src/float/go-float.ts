// Go's float semantics and formatting where JavaScript differs, so results and messages
// match Prometheus byte for byte.

/** Go's math.Pow: like `**` except Pow(1, y) = 1 and Pow(-1, ±Inf) = 1 for every y. */
export function goPow(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return x ** y;
}

/** Go's math.Mod: the remainder of x/y with the sign of x (JavaScript's `%` is the same fmod). */
export function goMod(x: number, y: number): number {
  return x % y;
}

function special(v: number): string | undefined {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  return undefined;
}

/** Shortest round-trip digits of a finite non-zero `v` and its decimal exponent. */
function shortestDigits(v: number): { negative: boolean; digits: string; exp: number } {
  const [mantissa, exponent] = Math.abs(v).toExponential().split('e') as [string, string];
  return { negative: v < 0, digits: mantissa.replace('.', ''), exp: Number(exponent) };
}

/** Go's `%g` (and `%v`) for a float64: shortest digits, exponent form below 1e-4 or from 1e6. */
export function formatG(v: number): string {
  const s = special(v);
  if (s !== undefined) return s;
  const { negative, digits, exp } = shortestDigits(v);
  if (exp >= -4 && exp < 6) return fixedFromDigits(negative, digits, exp);
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${mantissa}e${exp < 0 ? '-' : '+'}${e}`;
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent. */
export function formatFloat(v: number): string {
  const s = special(v);
  if (s !== undefined) return s;
  const { negative, digits, exp } = shortestDigits(v);
  return fixedFromDigits(negative, digits, exp);
}

function fixedFromDigits(negative: boolean, digits: string, exp: number): string {
  const sign = negative ? '-' : '';
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/**
 * Prometheus's FormatOpenMetricsFloat: `%g` with ".0" appended when the text has neither
 * a "." nor an "e" (so 1 is "1.0" and -0 is "0.0"), as label values of quantiles use.
 */
export function formatOpenMetricsFloat(v: number): string {
  if (v === 0) return '0.0';
  const s = formatG(v);
  return /[.e]|Inf|NaN/.test(s) ? s : `${s}.0`;
}
