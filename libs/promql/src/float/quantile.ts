/**
 * The φ-quantile of `values` by linear interpolation between the closest ranks, as
 * Prometheus's `quantile`: NaN for no values or a NaN `q`, -Inf for q < 0, +Inf for
 * q > 1. NaN values sort before all others. Does not modify `values`.
 */
export function quantile(q: number, values: readonly number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort(ascendingNaNFirst);
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

/** Ascending order with every NaN first, the order Prometheus's value heaps use. */
function ascendingNaNFirst(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
