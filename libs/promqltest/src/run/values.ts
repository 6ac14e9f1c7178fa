import type { SequenceValue } from '../script/types.js';

/** Relative error the harness tolerates between an expected and an actual float. */
export const EPSILON = 1e-6;

// The smallest positive normal float64.
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Whether two floats agree: both NaN, equal, or within a relative error of
 * `epsilon` (|a−b| / (|a|+|b|)). When either is 0 (or both are subnormal) the
 * allowed difference is epsilon·MIN_NORMAL, so in practice the match must be exact.
 */
export function almostEqual(a: number, b: number, epsilon = EPSILON): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/**
 * Whether an expected sequence value matches an actual float (`actualStale` when the
 * actual value is a staleness marker). A marker only equals a marker, a histogram or
 * a gap never equals a float.
 */
export function matchesFloat(
  expected: SequenceValue,
  actual: number,
  actualStale = false,
): boolean {
  if (expected.kind === 'stale' || actualStale) return expected.kind === 'stale' && actualStale;
  return expected.kind === 'float' && almostEqual(expected.v, actual);
}

/** A float as the harness prints one: `+Inf`, `-Inf`, `NaN` or the shortest decimal form. */
export function formatFloat(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** An expected value for a message. */
export function formatExpected(value: SequenceValue): string {
  switch (value.kind) {
    case 'float':
      return formatFloat(value.v);
    case 'stale':
      return 'stale';
    case 'omitted':
      return '_';
    case 'histogram':
      return 'a native histogram';
  }
}
