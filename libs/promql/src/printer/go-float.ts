/** Go's spelling of the non-finite floats. */
function special(v: number): string | undefined {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return undefined;
}

/** The shortest round-tripping digits of finite `v` and its decimal exponent, as in 1.5e3. */
function shortest(v: number): { negative: boolean; digits: string; exp: number } {
  const [mantissa, exp] = Math.abs(v).toExponential().split('e') as [string, string];
  return {
    negative: v < 0 || Object.is(v, -0),
    digits: mantissa.replace('.', ''),
    exp: Number(exp),
  };
}

function plain(digits: string, exp: number): string {
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest exact decimal, never an exponent. */
export function goFormatFloat(v: number): string {
  const named = special(v);
  if (named !== undefined) return named;
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const { negative, digits, exp } = shortest(v);
  return (negative ? '-' : '') + plain(digits, exp);
}

/** Go's %v for a float64: the shortest form, with an exponent below 1e-4 or from 1e6 up (`1e+06`). */
export function goFormatV(v: number): string {
  const named = special(v);
  if (named !== undefined) return named;
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const { negative, digits, exp } = shortest(v);
  const sign = negative ? '-' : '';
  if (exp >= -4 && exp < 6) return sign + plain(digits, exp);
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
  return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e}`;
}
