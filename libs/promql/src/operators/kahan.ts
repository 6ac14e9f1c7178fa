/**
 * One step of Kahan-Babuška-Neumaier summation: adds `inc` to `sum` with compensation
 * `c`, returning the new pair. An infinite sum resets the compensation, as Prometheus
 * does, so the final `sum + c` stays infinite instead of turning into NaN.
 */
export function kahanInc(inc: number, sum: number, c: number): [sum: number, c: number] {
  const t = sum + inc;
  if (t === Infinity || t === -Infinity) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) return [t, c + (sum - t + inc)];
  return [t, c + (inc - t + sum)];
}
