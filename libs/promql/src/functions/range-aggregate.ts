import type { Point } from '../engine/result.js';
import { kahanInc } from '../float/kahan.js';
import { quantile } from '../float/quantile.js';
import type { RangeKernel } from './types.js';

/** `sum_over_time`: compensated sum of the values. */
export const sumOverTime: RangeKernel = (points) => {
  if (points.length === 0) return undefined;
  let sum = 0;
  let c = 0;
  for (const p of points) [sum, c] = kahanInc(p.v, sum, c);
  return Number.isFinite(sum) ? sum + c : sum;
};

/**
 * `avg_over_time`: the compensated mean; switches to an incremental mean once the
 * running sum would overflow, so large finite inputs still give a finite mean.
 */
export const avgOverTime: RangeKernel = (points) => {
  if (points.length === 0) return undefined;
  let sum = points[0]!.v;
  let c = 0;
  let mean = 0;
  let incremental = false;
  for (let i = 1; i < points.length; i++) {
    const v = points[i]!.v;
    const count = i + 1;
    if (!incremental) {
      const [s, nc] = kahanInc(v, sum, c);
      if (s !== Infinity && s !== -Infinity) {
        [sum, c] = [s, nc];
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    [mean, c] = kahanInc(v / count, q * mean, q * c);
  }
  return incremental ? mean + c : sum / points.length + c / points.length;
};

/** `count_over_time`: the number of points. */
export const countOverTime: RangeKernel = (points) =>
  points.length === 0 ? undefined : points.length;

/** `present_over_time`: 1 when the window holds any point. */
export const presentOverTime: RangeKernel = (points) => (points.length === 0 ? undefined : 1);

/** `last_over_time`: the newest value. */
export const lastOverTime: RangeKernel = (points) => points.at(-1)?.v;

/** `first_over_time`: the oldest value. */
export const firstOverTime: RangeKernel = (points) => points[0]?.v;

/** `ts_of_last_over_time`: the newest point's time in seconds. */
export const tsOfLastOverTime: RangeKernel = (points) => {
  const last = points.at(-1);
  return last === undefined ? undefined : last.t / 1000;
};

/** `ts_of_first_over_time`: the oldest point's time in seconds. */
export const tsOfFirstOverTime: RangeKernel = (points) =>
  points.length === 0 ? undefined : points[0]!.t / 1000;

type Better = (candidate: number, best: number) => boolean;

/** The point a comparison picks; a NaN best is always replaced so NaN only wins alone. */
function pick(points: readonly Point[], better: Better): Point | undefined {
  let best = points[0];
  for (const p of points) {
    if (best !== undefined && (better(p.v, best.v) || Number.isNaN(best.v))) best = p;
  }
  return best;
}

/** `max_over_time`: the largest value; NaN only when every value is NaN. */
export const maxOverTime: RangeKernel = (points) => pick(points, (a, b) => a > b)?.v;

/** `min_over_time`: the smallest value; NaN only when every value is NaN. */
export const minOverTime: RangeKernel = (points) => pick(points, (a, b) => a < b)?.v;

/** `ts_of_max_over_time`: seconds of the last point holding the maximum. */
export const tsOfMaxOverTime: RangeKernel = (points) => {
  const p = pick(points, (a, b) => a >= b);
  return p === undefined ? undefined : p.t / 1000;
};

/** `ts_of_min_over_time`: seconds of the last point holding the minimum. */
export const tsOfMinOverTime: RangeKernel = (points) => {
  const p = pick(points, (a, b) => a <= b);
  return p === undefined ? undefined : p.t / 1000;
};

/** `quantile_over_time(q, m)`: the φ-quantile of the values, `q` being `args[0]`. */
export const quantileOverTime: RangeKernel = (points, ctx) => {
  if (points.length === 0 || ctx.args.length === 0) return undefined;
  return quantile(
    ctx.args[0]!,
    points.map((p) => p.v),
  );
};

/** `mad_over_time`: median absolute deviation from the median; NaN if any value is NaN. */
export const madOverTime: RangeKernel = (points) => {
  if (points.length === 0) return undefined;
  const values = points.map((p) => p.v);
  if (values.some(Number.isNaN)) return NaN;
  const median = quantile(0.5, values);
  return quantile(
    0.5,
    values.map((v) => Math.abs(v - median)),
  );
};

/** Population variance by Welford's method with compensated accumulators. */
function variance(points: readonly Point[]): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (const p of points) {
    count++;
    const d = p.v - (mean + cMean);
    [mean, cMean] = kahanInc(d / count, mean, cMean);
    [aux, cAux] = kahanInc(d * (p.v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

/** `stdvar_over_time`: population variance of the values. */
export const stdvarOverTime: RangeKernel = (points) =>
  points.length === 0 ? undefined : variance(points);

/** `stddev_over_time`: population standard deviation of the values. */
export const stddevOverTime: RangeKernel = (points) =>
  points.length === 0 ? undefined : Math.sqrt(variance(points));
