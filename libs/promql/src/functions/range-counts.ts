import type { Point } from '../engine/result.js';
import { anchoredStart } from './range-extended.js';
import type { RangeContext, RangeKernel } from './types.js';

/** The points to compare: all of them, or for an anchored range from the anchor on. */
function counted(points: readonly Point[], ctx: RangeContext): readonly Point[] | undefined {
  if (points.length === 0) return undefined;
  if (ctx.selector !== 'anchored') return points;
  const start = anchoredStart(points, ctx.rangeStart);
  return start === undefined ? undefined : points.slice(start);
}

/** `resets(m)`: how many times a value is lower than the one before it. */
export const resets: RangeKernel = (points, ctx) => {
  const ps = counted(points, ctx);
  if (ps === undefined) return undefined;
  let n = 0;
  for (let i = 1; i < ps.length; i++) if (ps[i]!.v < ps[i - 1]!.v) n++;
  return n;
};

/** `changes(m)`: how many times a value differs from the one before it (NaN to NaN is no change). */
export const changes: RangeKernel = (points, ctx) => {
  const ps = counted(points, ctx);
  if (ps === undefined) return undefined;
  let n = 0;
  for (let i = 1; i < ps.length; i++) {
    const [a, b] = [ps[i - 1]!.v, ps[i]!.v];
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) n++;
  }
  return n;
};
