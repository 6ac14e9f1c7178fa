import type { Point } from '../engine/result.js';
import type { RangeContext } from './types.js';

/**
 * `rate`/`increase`/`delta` over an anchored or smoothed range (Prometheus 3's
 * experimental extended selectors): the change between the value at the window start
 * (the anchor point, or for smoothed ranges the value interpolated at `rangeStart`)
 * and the value at the end (last point, or interpolated at `rangeEnd`), corrected for
 * counter resets in between. No extrapolation happens.
 */
export function extendedChange(
  points: readonly Point[],
  ctx: RangeContext,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  if (points.length === 0) return undefined;
  const smoothed = ctx.selector === 'smoothed';
  const { rangeStart, rangeEnd } = ctx;
  let last = points.length - 1;
  let first = Math.max(0, firstIndex(points, last, (p) => p.t > rangeStart) - 1);
  if (smoothed) last = firstIndex(points, last, (p) => p.t >= rangeEnd);
  if (points[last]!.t <= rangeStart) return undefined;
  if (smoothed && points[first]!.t > rangeEnd) return undefined;

  const left =
    smoothed && points[first]!.t < rangeStart
      ? interpolate(points[first]!, points[first + 1]!, rangeStart, isCounter)
      : points[first]!.v;
  const right =
    smoothed && last > 0 && points[last]!.t > rangeEnd
      ? interpolate(points[last - 1]!, points[last]!, rangeEnd, isCounter)
      : points[last]!.v;
  let result = right - left;
  if (isCounter) {
    // Resets across the boundary intervals are already folded into left and right.
    if (points[first]!.t <= rangeStart) first++;
    if (points[last]!.t >= rangeEnd) last--;
    result += resetCorrection(left, right, points.slice(first, last + 1));
  }
  return isRate ? result / ((rangeEnd - rangeStart) / 1000) : result;
}

/** The first index in `[0, end)` whose point satisfies the monotone `pred`, or `end`. */
function firstIndex(points: readonly Point[], end: number, pred: (p: Point) => boolean): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(points[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The straight-line value at `t` between two points; a counter drop restarts from zero. */
function interpolate(a: Point, b: Point, t: number, isCounter: boolean): number {
  const from = isCounter && b.v < a.v ? 0 : a.v;
  return from + ((b.v - from) * (t - a.t)) / (b.t - a.t);
}

function resetCorrection(left: number, right: number, inner: readonly Point[]): number {
  let correction = 0;
  let prev = left;
  for (const p of inner) {
    if (p.v < prev) correction += prev;
    prev = p.v;
  }
  if (right < prev) correction += prev;
  return correction;
}

/**
 * Where an anchored range's counting starts: the last point at or before `rangeStart`
 * when there is one, else the first point; `undefined` when no point lies inside the
 * window. Used by `resets` and `changes`.
 */
export function anchoredStart(points: readonly Point[], rangeStart: number): number | undefined {
  const after = firstIndex(points, points.length, (p) => p.t > rangeStart);
  if (after >= points.length) return undefined;
  return Math.max(0, after - 1);
}
