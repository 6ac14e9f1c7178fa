import type { Point } from '../engine/result.js';
import { extendedChange } from './range-extended.js';
import { isCounterReset } from './start-timestamps.js';
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
 * them, never below a counter's zero point. A counter whose first point starts (by
 * its start timestamp) inside the window is not extrapolated to the left: it counts
 * from zero at that start instead, which a single point suffices for. Otherwise fewer
 * than two points yield nothing.
 */
function extrapolated(
  points: readonly Point[],
  ctx: RangeContext,
  mode: RateMode,
  startTimes: readonly number[] | undefined,
): number | undefined {
  if (ctx.selector !== undefined) return extendedChange(points, ctx, mode.isCounter, mode.isRate);
  if (points.length === 0) return undefined;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let result = last.v - first.v;
  if (mode.isCounter) result += lostToResets(points, startTimes);

  let sampled = (last.t - first.t) / 1000;
  const averageGap = points.length > 1 ? sampled / (points.length - 1) : 0;
  // Points closer to an edge than 110% of the average gap are assumed to continue to it.
  const threshold = averageGap * 1.1;
  let toStart = (first.t - ctx.rangeStart) / 1000;
  let toEnd = (ctx.rangeEnd - last.t) / 1000;
  const start = mode.isCounter ? (startTimes?.[0] ?? 0) : 0;
  if (start !== 0 && start > ctx.rangeStart && start < first.t) {
    // The counter was zero at its start, inside the window (whose start is exclusive).
    toStart = 0;
    sampled = (last.t - start) / 1000;
    result += first.v;
  } else if (points.length < 2) {
    return undefined;
  } else {
    if (toStart >= threshold) toStart = averageGap / 2;
    if (mode.isCounter && result > 0 && first.v >= 0) {
      // A counter cannot go below zero, so extrapolation stops where it would reach it.
      toStart = Math.min(toStart, sampled * (first.v / result));
    }
  }
  if (toEnd >= threshold) toEnd = averageGap / 2;

  let factor = sampled === 0 ? 1 : (sampled + toStart + toEnd) / sampled;
  if (mode.isRate) factor /= (ctx.rangeEnd - ctx.rangeStart) / 1000;
  return result * factor;
}

/**
 * The sum of the values a counter had right before each reset: each drop, and with
 * start timestamps each start that marks a reset (see isStartTimestampReset).
 */
function lostToResets(points: readonly Point[], startTimes: readonly number[] | undefined): number {
  let lost = 0;
  // Series without start timestamps, nearly all, keep the plain loop.
  if (startTimes === undefined) {
    for (let i = 1; i < points.length; i++) {
      if (points[i]!.v < points[i - 1]!.v) lost += points[i - 1]!.v;
    }
    return lost;
  }
  for (let i = 1; i < points.length; i++) {
    if (isCounterReset(points, startTimes, i)) lost += points[i - 1]!.v;
  }
  return lost;
}

/** `rate(m[d])`: per-second increase of a counter over the window, extrapolated. */
export const rate: RangeKernel = (points, ctx, startTimes) =>
  extrapolated(points, ctx, { isCounter: true, isRate: true }, startTimes);

/** `increase(m[d])`: increase of a counter over the window, extrapolated. */
export const increase: RangeKernel = (points, ctx, startTimes) =>
  extrapolated(points, ctx, { isCounter: true, isRate: false }, startTimes);

/** `delta(m[d])`: change of a gauge over the window, extrapolated (no reset handling). */
export const delta: RangeKernel = (points, ctx) =>
  extrapolated(points, ctx, { isCounter: false, isRate: false }, undefined);

/**
 * The last two points' change (`idelta`) or per-second counter rate (`irate`); after a
 * counter reset (a drop, or a start timestamp that marks one) `irate` takes the last
 * value as the increase. Needs two points at distinct times.
 */
function instant(
  points: readonly Point[],
  isRate: boolean,
  startTimes: readonly number[] | undefined,
): number | undefined {
  if (points.length < 2) return undefined;
  const prev = points[points.length - 2]!;
  const last = points[points.length - 1]!;
  const gapMs = last.t - prev.t;
  if (gapMs === 0) return undefined;
  const reset = isRate && isCounterReset(points, startTimes, points.length - 1);
  const change = reset ? last.v : last.v - prev.v;
  return isRate ? change / (gapMs / 1000) : change;
}

/** `irate(m[d])`: per-second rate between the last two points, reset-aware. */
export const irate: RangeKernel = (points, _ctx, startTimes) => instant(points, true, startTimes);

/** `idelta(m[d])`: difference between the last two points. */
export const idelta: RangeKernel = (points) => instant(points, false, undefined);
