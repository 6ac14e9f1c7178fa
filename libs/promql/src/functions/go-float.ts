const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * Parses a float as Go's `strconv.ParseFloat(s, 64)` accepts decimal text: optional
 * sign, digits with optional fraction and exponent, `Inf`/`Infinity` (signed or not)
 * and unsigned `NaN` in any case. Returns undefined for anything else, including text
 * out of float64 range (an error in Go) and hexadecimal floats (not supported here).
 */
export function parseGoFloat(s: string): number | undefined {
  const special = SPECIAL.exec(s);
  if (special !== null) {
    if (special[2]!.toLowerCase() === 'nan') return special[1] === '' ? NaN : undefined;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!DECIMAL.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}
