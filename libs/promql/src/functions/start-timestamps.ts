import { goQuote } from '@promethium/model';
import type { Point } from '../engine/result.js';

/**
 * The range functions that see their points' start timestamps when the engine's
 * `useStartTimestamps` is on, as in Prometheus: the counter functions rate, increase,
 * irate and resets. Their range argument must be a matrix selector; a subquery's
 * points have no start timestamps.
 */
export const usesStartTimestamps: ReadonlySet<string> = new Set([
  'rate',
  'increase',
  'irate',
  'resets',
]);

/**
 * Whether a counter was reset between two consecutive samples by their start timestamps
 * (ms, 0 for unknown). A start timestamp that is unknown, at or after its own sample
 * (OpenTelemetry's "unknown start" is ST = T) or before the previous sample (overlap)
 * tells nothing. One after the previous sample is a reset. One equal to the previous
 * sample's time is a delta sample (a reset) when the previous sample has a known start
 * of its own, and a cumulative series with unknown start when it has none.
 */
export function isStartTimestampReset(
  prevStart: number,
  prevTime: number,
  start: number,
  time: number,
): boolean {
  if (start === 0 || start >= time || start < prevTime) return false;
  if (start > prevTime) return true;
  // An invalid previous start (after its own sample) counts as unknown.
  return prevStart !== 0 && prevStart < prevTime;
}

/**
 * Whether a counter was reset between points i - 1 and i: its value dropped, or (with
 * start timestamps aligned with the points) point i's start timestamp marks a reset.
 */
export function isCounterReset(
  points: readonly Point[],
  startTimes: readonly number[] | undefined,
  i: number,
): boolean {
  const prev = points[i - 1]!;
  const curr = points[i]!;
  if (curr.v < prev.v) return true;
  return (
    startTimes !== undefined &&
    isStartTimestampReset(startTimes[i - 1]!, prev.t, startTimes[i]!, curr.t)
  );
}

/**
 * Whether some point's start timestamp lies before the previous point's time without
 * repeating the previous start: two samples then claim overlapping intervals, which
 * neither a delta series (ST = previous T) nor a cumulative one (ST = previous ST)
 * produces. `startTimes` is aligned with `points`, 0 for unknown.
 */
export function hasStartTimeOverlap(
  points: readonly Point[],
  startTimes: readonly number[],
): boolean {
  for (let i = 1; i < points.length; i++) {
    const start = startTimes[i]!;
    if (start !== 0 && start < points[i - 1]!.t && start !== startTimes[i - 1]) return true;
  }
  return false;
}

/** The warning Prometheus reports for a series with overlapping start timestamps. */
export function startTimeOverlapWarning(metricName: string): string {
  return `PromQL warning: sample has start time that overlaps with previous sample timestamp for metric ${goQuote(metricName)}`;
}
