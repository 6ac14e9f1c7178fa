import type { Point } from '../engine/result.js';
import { anchoredStart } from './range-extended.js';
import { isCounterReset } from './start-timestamps.js';
import type { RangeContext, RangeKernel } from './types.js';

/** The first point to compare: the first one, or for an anchored range the anchor. */
function firstCounted(points: readonly Point[], ctx: RangeContext): number | undefined {
  if (points.length === 0) return undefined;
  return ctx.selector === 'anchored' ? anchoredStart(points, ctx.rangeStart) : 0;
}

/**
 * `resets(m)`: how many times a value is lower than the one before it, or (with start
 * timestamps) a start timestamp marks a counter reset.
 */
export const resets: RangeKernel = (points, ctx, startTimes) => {
  const from = firstCounted(points, ctx);
  if (from === undefined) return undefined;
  let n = 0;
  for (let i = from + 1; i < points.length; i++) {
    if (isCounterReset(points, startTimes, i)) n++;
  }
  return n;
};

/** `changes(m)`: how many times a value differs from the one before it (NaN to NaN is no change). */
export const changes: RangeKernel = (points, ctx) => {
  const from = firstCounted(points, ctx);
  if (from === undefined) return undefined;
  let n = 0;
  for (let i = from + 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!.v, points[i]!.v];
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) n++;
  }
  return n;
};
