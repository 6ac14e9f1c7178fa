import type { Point } from '../engine/result.js';

/**
 * What a range-vector kernel knows besides the points: the evaluation time and the
 * window `(rangeStart, rangeEnd]` in milliseconds (offset already applied), and the
 * scalar arguments of the call in source order, the range vector left out
 * (`quantile_over_time(0.9, m[5m])` has `args = [0.9]`).
 */
export interface RangeContext {
  readonly evalTime: number;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly args: readonly number[];
  /**
   * The experimental extended selector the range came from. `anchored` points also hold
   * the last point at or before `rangeStart`; `smoothed` points also hold the first
   * point at or after `rangeEnd`. Only rate, increase, delta (and, anchored, resets
   * and changes) accept them.
   */
  readonly selector?: 'anchored' | 'smoothed';
}

/**
 * A range-vector function over one series' float points (ascending time, inside the
 * window, stale markers removed). `undefined` means the series yields no output sample.
 * `startTimes`, aligned with the points (ms, 0 for unknown), is given only to the
 * functions in usesStartTimestamps, only when the engine uses start timestamps and the
 * series has some; without it a kernel behaves as if every start time were unknown.
 */
export type RangeKernel = (
  points: readonly Point[],
  ctx: RangeContext,
  startTimes?: readonly number[],
) => number | undefined;
