import type { InstantSample } from '../engine/result.js';

/** A function of one float applied to every sample's value. */
export type ValueFn = (v: number) => number;

const sgn: ValueFn = (v) => (v < 0 ? -1 : v > 0 ? 1 : v);

/**
 * The PromQL functions that map each sample's value on its own: abs, ceil, floor,
 * exp, sqrt, ln, log2, log10, sgn, the trigonometric and hyperbolic functions,
 * deg and rad. NaN and infinities follow IEEE 754 as in Go.
 */
export const valueFunctions: ReadonlyMap<string, ValueFn> = new Map<string, ValueFn>([
  ['abs', Math.abs],
  ['ceil', Math.ceil],
  ['floor', Math.floor],
  ['exp', Math.exp],
  ['sqrt', Math.sqrt],
  ['ln', Math.log],
  ['log2', Math.log2],
  ['log10', Math.log10],
  ['sgn', sgn],
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['asin', Math.asin],
  ['acos', Math.acos],
  ['atan', Math.atan],
  ['sinh', Math.sinh],
  ['cosh', Math.cosh],
  ['tanh', Math.tanh],
  ['asinh', Math.asinh],
  ['acosh', Math.acosh],
  ['atanh', Math.atanh],
  ['deg', (v) => (v * 180) / Math.PI],
  ['rad', (v) => (v * Math.PI) / 180],
]);

/** Each sample with `fn` applied to its value; labels and times are kept. */
export function mapValues(samples: readonly InstantSample[], fn: ValueFn): InstantSample[] {
  return samples.map((s) => ({ ...s, v: fn(s.v) }));
}

/**
 * `round(v, to_nearest=1)`: rounds to the nearest multiple of `toNearest`, ties up.
 * Multiplying by the inverse matches Prometheus bit for bit.
 */
export function round(samples: readonly InstantSample[], toNearest = 1): InstantSample[] {
  const inverse = 1 / toNearest;
  return mapValues(samples, (v) => Math.floor(v * inverse + 0.5) / inverse);
}

/** `clamp(v, min, max)`: values limited to [min, max]; no samples when max < min. */
export function clamp(
  samples: readonly InstantSample[],
  min: number,
  max: number,
): InstantSample[] {
  if (max < min) return [];
  return mapValues(samples, (v) => Math.max(min, Math.min(max, v)));
}

/** `clamp_min(v, min)`: values raised to at least `min`. */
export function clampMin(samples: readonly InstantSample[], min: number): InstantSample[] {
  return clamp(samples, min, Infinity);
}

/** `clamp_max(v, max)`: values lowered to at most `max`. */
export function clampMax(samples: readonly InstantSample[], max: number): InstantSample[] {
  return clamp(samples, -Infinity, max);
}

/** `timestamp(v)`: each sample's time in seconds as its value. */
export function timestamp(samples: readonly InstantSample[]): InstantSample[] {
  return samples.map((s) => ({ ...s, v: s.t / 1000 }));
}
