/**
 * One step of Neumaier-compensated summation: adds `inc` to `sum`, whose running
 * compensation is `c`. Returns the new `[sum, c]`; the final value is `sum + c`.
 * The compensation resets once the sum overflows so an infinity is not turned into NaN.
 */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t)) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) return [t, c + (sum - t + inc)];
  return [t, c + (inc - t + sum)];
}
