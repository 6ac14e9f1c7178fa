import type { Point } from '../engine/result.js';
import { extendedChange } from './range-extended.js';
import type { RangeContext, RangeKernel } from './types.js';

/** How `rate`, `increase` and `delta` differ: counter-reset handling and per-second scaling. */
interface RateMode {
  readonly isCounter: boolean;
  readonly isRate: boolean;
}

/**
 * The extrapolated change over the window, as Prometheus's `extrapolatedRate`: the
 * difference between the last and first point (plus the value lost at each counter
 * reset), extrapolated towards the window edges when the points get close enough to
 * them, never below a counter's zero point. Fewer than two points yield nothing.
 */
function extrapolated(
  points: readonly Point[],
  ctx: RangeContext,
  mode: RateMode,
): number | undefined {
  if (ctx.selector !== undefined) return extendedChange(points, ctx, mode.isCounter, mode.isRate);
  if (points.length < 2) return undefined;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let result = last.v - first.v;
  if (mode.isCounter) result += lostToResets(points);

  const sampled = (last.t - first.t) / 1000;
  const averageGap = sampled / (points.length - 1);
  // Points closer to an edge than 110% of the average gap are assumed to continue to it.
  const threshold = averageGap * 1.1;
  let toStart = (first.t - ctx.rangeStart) / 1000;
  let toEnd = (ctx.rangeEnd - last.t) / 1000;
  if (toStart >= threshold) toStart = averageGap / 2;
  if (mode.isCounter && result > 0 && first.v >= 0) {
    // A counter cannot go below zero, so extrapolation stops where it would reach it.
    toStart = Math.min(toStart, sampled * (first.v / result));
  }
  if (toEnd >= threshold) toEnd = averageGap / 2;

  let factor = sampled === 0 ? 1 : (sampled + toStart + toEnd) / sampled;
  if (mode.isRate) factor /= (ctx.rangeEnd - ctx.rangeStart) / 1000;
  return result * factor;
}

/** The sum of the values a counter had right before each drop. */
function lostToResets(points: readonly Point[]): number {
  let lost = 0;
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.v < points[i - 1]!.v) lost += points[i - 1]!.v;
  }
  return lost;
}

/** `rate(m[d])`: per-second increase of a counter over the window, extrapolated. */
export const rate: RangeKernel = (points, ctx) =>
  extrapolated(points, ctx, { isCounter: true, isRate: true });

/** `increase(m[d])`: increase of a counter over the window, extrapolated. */
export const increase: RangeKernel = (points, ctx) =>
  extrapolated(points, ctx, { isCounter: true, isRate: false });

/** `delta(m[d])`: change of a gauge over the window, extrapolated (no reset handling). */
export const delta: RangeKernel = (points, ctx) =>
  extrapolated(points, ctx, { isCounter: false, isRate: false });

/**
 * The last two points' change (`idelta`) or per-second counter rate (`irate`); after a
 * counter reset `irate` takes the last value as the increase. Needs two points at
 * distinct times.
 */
function instant(points: readonly Point[], isRate: boolean): number | undefined {
  if (points.length < 2) return undefined;
  const prev = points[points.length - 2]!;
  const last = points[points.length - 1]!;
  const gapMs = last.t - prev.t;
  if (gapMs === 0) return undefined;
  const change = isRate && last.v < prev.v ? last.v : last.v - prev.v;
  return isRate ? change / (gapMs / 1000) : change;
}

/** `irate(m[d])`: per-second rate between the last two points, reset-aware. */
export const irate: RangeKernel = (points) => instant(points, true);

/** `idelta(m[d])`: difference between the last two points. */
export const idelta: RangeKernel = (points) => instant(points, false);
