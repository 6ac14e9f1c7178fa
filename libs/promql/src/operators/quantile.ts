/**
 * The φ-quantile of `values` by linear interpolation between closest ranks, as
 * Prometheus's quantile(): NaN for no values or φ = NaN, -Inf for φ < 0, +Inf for φ > 1,
 * NaN inputs sorting below every number. Sorts `values` in place.
 */
export function quantile(phi: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(phi)) return NaN;
  if (phi < 0) return -Infinity;
  if (phi > 1) return Infinity;
  values.sort((a, b) =>
    Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b,
  );
  const n = values.length;
  const rank = phi * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values[lower]! * (1 - weight) + values[upper]! * weight;
}
