import type { Labels, Sample as StoredSample } from '@promethium/model';
import type { VectorSelector } from '../parser/ast.js';
import { referenceTime, stepCount, stepTime } from './context.js';
import type { EvalContext } from './context.js';
import type { Point } from './result.js';
import type { MatrixSeries, Sample } from './values.js';

/**
 * The time a selected sample carries: the step's (`step`), the sample's own (`sample`,
 * what `timestamp()` reports) or the sample's start timestamp (`start`, 0 when unknown,
 * what `start_timestamp()` reports).
 */
export type SelectedTime = 'step' | 'sample' | 'start';

/**
 * Evaluates an instant vector selector at every step: each series' newest sample in
 * (ref - lookback, ref], unless that sample is a staleness marker.
 */
export async function selectVector(
  vs: VectorSelector,
  ctx: EvalContext,
  time: SelectedTime = 'step',
): Promise<Sample[][]> {
  const steps: Sample[][] = Array.from({ length: stepCount(ctx) }, () => []);
  for await (const series of ctx.guard.iterate(ctx.querier.select(vs.matchers))) {
    fillSteps(steps, series.labels, series.samples, vs, ctx, time);
    await ctx.guard.pause();
  }
  return steps;
}

function fillSteps(
  steps: Sample[][],
  labels: Labels,
  samples: readonly StoredSample[],
  vs: VectorSelector,
  ctx: EvalContext,
  time: SelectedTime,
): void {
  // Index of the first sample after the reference time; steps only move it forward.
  let next = 0;
  for (let i = 0; i < steps.length; i++) {
    const ts = stepTime(ctx, i);
    const ref = referenceTime(vs, ts);
    while (next < samples.length && samples[next]!.t <= ref) next++;
    const newest = samples[next - 1];
    if (newest === undefined || newest.stale || newest.t <= ref - ctx.lookbackMs) continue;
    ctx.guard.addSamples(1);
    const v = vs.smoothed ? smoothedValue(newest, samples[next], ref, ctx.lookbackMs) : newest.v;
    const t = time === 'step' ? ts : time === 'sample' ? newest.t : (newest.st ?? 0);
    steps[i]!.push({ labels, t, v });
  }
}

/**
 * A `smoothed` selector's value at `ref`: the straight line between the newest sample
 * at or before it and the next one after it (within the lookback), else the newest value.
 */
function smoothedValue(
  newest: StoredSample,
  after: StoredSample | undefined,
  ref: number,
  lookbackMs: number,
): number {
  if (newest.t === ref || after === undefined || after.stale || after.t >= ref + lookbackMs) {
    return newest.v;
  }
  return newest.v + ((after.v - newest.v) * (ref - newest.t)) / (after.t - newest.t);
}

/**
 * Every series `vs` selects with its non-stale samples in (after, upTo], for range
 * functions to slice per step, and with `withStartTimes` their start timestamps when
 * any has one. Series without a sample there are dropped.
 */
export async function selectRange(
  vs: VectorSelector,
  after: number,
  upTo: number,
  ctx: EvalContext,
  withStartTimes = false,
): Promise<MatrixSeries[]> {
  const out: MatrixSeries[] = [];
  for await (const series of ctx.guard.iterate(ctx.querier.select(vs.matchers))) {
    const points = pointsIn(series.samples, after, upTo);
    ctx.guard.addSamples(points.length);
    if (points.length > 0) {
      const { labels, samples } = series;
      const startTimes = withStartTimes ? startTimesIn(samples, after, upTo) : undefined;
      out.push(startTimes ? { labels, points, startTimes } : { labels, points });
    }
    await ctx.guard.pause();
  }
  return out;
}

/** Index of the first point with t > after (points ascending). */
export function firstAfter(points: readonly { t: number }[], after: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.t <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Non-stale samples with after < t <= upTo. */
function pointsIn(samples: readonly StoredSample[], after: number, upTo: number): Point[] {
  const out: Point[] = [];
  for (let i = firstAfter(samples, after); i < samples.length && samples[i]!.t <= upTo; i++) {
    const s = samples[i]!;
    if (!s.stale) out.push({ t: s.t, v: s.v });
  }
  return out;
}

/**
 * The start timestamps of pointsIn's samples, aligned with them (0 for unknown), or
 * undefined when none has one.
 */
function startTimesIn(
  samples: readonly StoredSample[],
  after: number,
  upTo: number,
): number[] | undefined {
  const out: number[] = [];
  let known = false;
  for (let i = firstAfter(samples, after); i < samples.length && samples[i]!.t <= upTo; i++) {
    const s = samples[i]!;
    if (s.stale) continue;
    out.push(s.st ?? 0);
    known ||= (s.st ?? 0) !== 0;
  }
  return known ? out : undefined;
}
