import type { Labels, Sample } from '@promethium/model';
import type { MatrixSelector, VectorSelector } from '../parser/ast.js';
import { referenceTime, stepCount } from './context.js';
import type { EvalContext } from './context.js';
import type { Point, RangeSeries } from './result.js';

/** An instant-vector series evaluated at the query's steps (steps without a value omitted). */
export interface StepSeries {
  readonly labels: Labels;
  readonly points: readonly Point[];
}

/**
 * Evaluates an instant vector selector at every step: each series' newest sample in
 * (ref - lookback, ref], unless that sample is a staleness marker. Points carry the
 * step time; series without any point are dropped.
 */
export async function selectVector(vs: VectorSelector, ctx: EvalContext): Promise<StepSeries[]> {
  const out: StepSeries[] = [];
  for await (const series of ctx.guard.iterate(ctx.querier.select(vs.matchers))) {
    const points = valuesAtSteps(series.samples, vs, ctx);
    if (points.length > 0) out.push({ labels: series.labels, points });
    await ctx.guard.pause();
  }
  return out;
}

function valuesAtSteps(samples: readonly Sample[], vs: VectorSelector, ctx: EvalContext): Point[] {
  const points: Point[] = [];
  const steps = stepCount(ctx);
  // Index of the first sample after the reference time; steps only move it forward.
  let next = 0;
  for (let i = 0; i < steps; i++) {
    const ts = ctx.startMs + i * ctx.stepMs;
    const ref = referenceTime(vs, ts, ctx);
    while (next < samples.length && samples[next]!.t <= ref) next++;
    const newest = samples[next - 1];
    if (newest === undefined || newest.stale || newest.t <= ref - ctx.lookbackMs) continue;
    ctx.guard.addSamples(1);
    points.push({ t: ts, v: newest.v });
  }
  return points;
}

/**
 * Evaluates a range vector selector at the (single) evaluation time: each series'
 * samples in (ref - range, ref] without staleness markers, at their own timestamps.
 */
export async function selectMatrix(ms: MatrixSelector, ctx: EvalContext): Promise<RangeSeries[]> {
  if (stepCount(ctx) !== 1) throw new Error('BUG: a range vector is evaluated at one time only');
  const ref = referenceTime(ms.selector, ctx.startMs, ctx);
  const out: RangeSeries[] = [];
  for await (const series of ctx.guard.iterate(ctx.querier.select(ms.selector.matchers))) {
    const samples = samplesIn(series.samples, ref - ms.rangeMs, ref);
    ctx.guard.addSamples(samples.length);
    if (samples.length > 0) out.push({ labels: series.labels, samples });
    await ctx.guard.pause();
  }
  return out;
}

/** Non-stale samples with after < t <= upTo. */
function samplesIn(samples: readonly Sample[], after: number, upTo: number): Point[] {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid]!.t <= after) lo = mid + 1;
    else hi = mid;
  }
  const out: Point[] = [];
  for (let i = lo; i < samples.length && samples[i]!.t <= upTo; i++) {
    const s = samples[i]!;
    if (!s.stale) out.push({ t: s.t, v: s.v });
  }
  return out;
}
