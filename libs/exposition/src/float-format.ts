/**
 * Formats a float as OpenMetrics writes it and Prometheus 3 normalises the `le` and
 * `quantile` labels: Go's shortest `%g`, with `.0` appended to integral results, so
 * `le="1"` and `le="1.0"` name the same bucket.
 */
export function formatOpenMetricsFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  const text = formatGoShortestG(f);
  return text.includes('.') || text.includes('e') ? text : text + '.0';
}

/**
 * Formats a sample value as the text format 0.0.4 writes it (expfmt's writeFloat): `NaN`,
 * `+Inf`, `-Inf`, `0` for both zeros, otherwise Go's shortest `%g` without a `.0`.
 */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return '0';
  return formatGoShortestG(f);
}

// Go's strconv.FormatFloat(f, 'g', -1, 64): the shortest round-tripping digits, in
// exponent form when the decimal exponent is below -4 or at least 6 (Go's fixed
// threshold for the shortest form), written with a sign and at least two exponent digits.
function formatGoShortestG(f: number): string {
  const [mantissa, expText] = Math.abs(f).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  const sign = f < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? '.' + digits.slice(1) : '';
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
