import type { Point } from '../engine/result.js';
import { FunctionArgumentError } from './errors.js';
import { kahanInc } from '../float/kahan.js';
import type { RangeKernel } from './types.js';

/**
 * Least-squares fit of the points against time in seconds relative to `interceptTime`
 * (ms): the slope per second and the value at `interceptTime`. A constant series has
 * slope 0, or NaN for both when the constant is infinite.
 */
export function linearRegression(
  points: readonly Point[],
  interceptTime: number,
): { slope: number; intercept: number } {
  const initial = points[0]!.v;
  let constant = true;
  let n = 0;
  let [sumX, cX, sumY, cY, sumXY, cXY, sumX2, cX2] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const p of points) {
    if (constant && p.v !== initial) constant = false;
    n++;
    const x = (p.t - interceptTime) / 1000;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(p.v, sumY, cY);
    [sumXY, cXY] = kahanInc(x * p.v, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  }
  if (constant) {
    return Number.isFinite(initial) || Number.isNaN(initial)
      ? { slope: 0, intercept: initial }
      : { slope: NaN, intercept: NaN };
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const slope = (sumXY - (sumX * sumY) / n) / (sumX2 - (sumX * sumX) / n);
  return { slope, intercept: sumY / n - (slope * sumX) / n };
}

/** `deriv(m)`: per-second slope of the least-squares line; needs two points. */
export const deriv: RangeKernel = (points) =>
  points.length < 2 ? undefined : linearRegression(points, points[0]!.t).slope;

/** `predict_linear(m, t)`: the fitted line's value `args[0]` seconds after the evaluation time. */
export const predictLinear: RangeKernel = (points, ctx) => {
  if (points.length < 2 || ctx.args.length === 0) return undefined;
  const { slope, intercept } = linearRegression(points, ctx.evalTime);
  return slope * ctx.args[0]! + intercept;
};

/**
 * `double_exponential_smoothing(m, sf, tf)` (formerly holt_winters): the last smoothed
 * value. Throws FunctionArgumentError unless 0 < sf < 1 and 0 < tf < 1.
 */
export const doubleExponentialSmoothing: RangeKernel = (points, ctx) => {
  const [sf, tf] = ctx.args;
  if (sf === undefined || tf === undefined) return undefined;
  if (!(sf > 0 && sf < 1)) {
    throw new FunctionArgumentError(
      `invalid smoothing factor. Expected: 0 < sf < 1, got: ${goFloatF(sf)}`,
    );
  }
  if (!(tf > 0 && tf < 1)) {
    throw new FunctionArgumentError(
      `invalid trend factor. Expected: 0 < tf < 1, got: ${goFloatF(tf)}`,
    );
  }
  if (points.length < 2) return undefined;
  let s0 = 0;
  let s1 = points[0]!.v;
  let b = points[1]!.v - points[0]!.v;
  for (let i = 1; i < points.length; i++) {
    // The trend starts as the first difference and is smoothed from the second step on.
    if (i > 1) b = tf * (s1 - s0) + (1 - tf) * b;
    const next = sf * points[i]!.v + (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = next;
  }
  return s1;
};

/** Go's `%f`: six decimals, with Go's spelling of the non-finite values. */
function goFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return v.toFixed(6);
}
