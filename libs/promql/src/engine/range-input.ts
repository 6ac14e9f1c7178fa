import { Labels } from '@promethium/model';
import type { Expr, MatrixSelector, SubqueryExpr } from '../parser/ast.js';
import { referenceTime, stepCount, stepTime } from './context.js';
import type { EvalContext } from './context.js';
import type { Point } from './result.js';
import { firstAfter, selectRange } from './select.js';
import type { EvalValue, MatrixSeries } from './values.js';

/**
 * A range vector argument prepared for every step of the context: the series with all
 * points any step's window needs, and the window (start, end] of each step.
 */
export interface RangeInput {
  readonly series: readonly MatrixSeries[];
  readonly rangeMs: number;
  /** The end of each step's window (the reference time). */
  readonly ends: readonly number[];
  readonly selector: 'anchored' | 'smoothed' | undefined;
  readonly lookbackMs: number;
}

/** The evaluator of inner expressions, passed in to avoid an import cycle. */
export type Evaluate = (expr: Expr, ctx: EvalContext) => Promise<EvalValue>;

/**
 * Prepares a MatrixSelector or SubqueryExpr (possibly parenthesised) argument. With
 * `withStartTimes` a matrix selector's series keep their start timestamps; a
 * subquery's never have any, as in Prometheus.
 */
export async function rangeInput(
  expr: Expr,
  ctx: EvalContext,
  evaluate: Evaluate,
  withStartTimes = false,
): Promise<RangeInput> {
  if (expr.kind === 'ParenExpr') return rangeInput(expr.expr, ctx, evaluate, withStartTimes);
  if (expr.kind === 'MatrixSelector') return matrixInput(expr, ctx, withStartTimes);
  if (expr.kind === 'SubqueryExpr') return subqueryInput(expr, ctx, evaluate);
  throw new Error(`BUG: ${expr.kind} is not a range vector`);
}

function endsOf(mods: Parameters<typeof referenceTime>[0], ctx: EvalContext): number[] {
  return Array.from({ length: stepCount(ctx) }, (_, i) => referenceTime(mods, stepTime(ctx, i)));
}

async function matrixInput(
  ms: MatrixSelector,
  ctx: EvalContext,
  withStartTimes: boolean,
): Promise<RangeInput> {
  const vs = ms.selector;
  const ends = endsOf(vs, ctx);
  const selector = vs.anchored ? 'anchored' : vs.smoothed ? 'smoothed' : undefined;
  const extra = selector ? ctx.lookbackMs : 0;
  // Reference times never decrease from step to step.
  const after = ends[0]! - ms.rangeMs - extra;
  const upTo = ends.at(-1)! + (selector === 'smoothed' ? extra : 0);
  const series = await selectRange(vs, after, upTo, ctx, withStartTimes);
  return { series, rangeMs: ms.rangeMs, ends, selector, lookbackMs: ctx.lookbackMs };
}

async function subqueryInput(
  sq: SubqueryExpr,
  ctx: EvalContext,
  evaluate: Evaluate,
): Promise<RangeInput> {
  const ends = endsOf(sq, ctx);
  const lo = ends[0]! - sq.rangeMs;
  const hi = ends.at(-1)!;
  // Subquery steps are aligned to multiples of the step, the first one after lo.
  let start = Math.floor(lo / sq.stepMs) * sq.stepMs;
  if (start <= lo) start += sq.stepMs;
  const base = { rangeMs: sq.rangeMs, ends, selector: undefined, lookbackMs: ctx.lookbackMs };
  if (start > hi) return { ...base, series: [] };
  const inner = { ...ctx, startMs: start, endMs: hi, stepMs: sq.stepMs };
  const value = await evaluate(sq.expr, inner);
  return { ...base, series: toSeries(value, inner) };
}

function toSeries(value: EvalValue, ctx: EvalContext): MatrixSeries[] {
  if (value.kind === 'scalar') {
    const points = value.steps.map((v, i) => ({ t: stepTime(ctx, i), v }));
    return [{ labels: Labels.EMPTY, points }];
  }
  if (value.kind !== 'vector') throw new Error(`BUG: subquery over a ${value.kind}`);
  const bySeries = new Map<string, { labels: Labels; points: Point[]; dropName: boolean }>();
  value.steps.forEach((samples, i) => {
    for (const s of samples) {
      const key = s.labels.key();
      let series = bySeries.get(key);
      if (series === undefined) {
        series = { labels: s.labels, points: [], dropName: s.dropName === true };
        bySeries.set(key, series);
      }
      series.points.push({ t: stepTime(ctx, i), v: s.v });
    }
  });
  return [...bySeries.values()];
}

/** The points of `series` in step `i`'s window (extended for anchored/smoothed ranges). */
export function windowPoints(input: RangeInput, series: MatrixSeries, i: number): Point[] {
  return new WindowCursor(input, series).points(i);
}

/**
 * windowPoints for one series at step after step: the window bounds move forward with
 * the steps' ends, so consecutive steps cost a few comparisons instead of two binary
 * searches. Steps may come in any order; a step whose window starts earlier than the
 * previous one's searches afresh.
 */
export class WindowCursor {
  readonly #input: RangeInput;
  readonly #series: MatrixSeries;
  #lo = 0;
  #hi = 0;
  #lastStart = Infinity;
  // The last window, [from, to) in the series' points.
  #from = 0;
  #to = 0;

  constructor(input: RangeInput, series: MatrixSeries) {
    this.#input = input;
    this.#series = series;
  }

  /** The points in step `i`'s window. */
  points(i: number): Point[] {
    const pts = this.#series.points;
    const { rangeMs, selector, lookbackMs } = this.#input;
    const end = this.#input.ends[i]!;
    const start = end - rangeMs;
    let lo = this.#lo;
    let hi = this.#hi;
    if (start < this.#lastStart) {
      lo = firstAfter(pts, start);
      hi = firstAfter(pts, end);
    }
    this.#lastStart = start;
    while (lo < pts.length && pts[lo]!.t <= start) lo++;
    if (hi < lo) hi = lo;
    while (hi < pts.length && pts[hi]!.t <= end) hi++;
    this.#lo = lo;
    this.#hi = hi;
    let from = lo;
    let to = hi;
    if (selector !== undefined && from > 0 && pts[from - 1]!.t > start - lookbackMs) from--;
    if (selector === 'smoothed' && to < pts.length && pts[to]!.t <= end + lookbackMs) to++;
    this.#from = from;
    this.#to = to;
    return pts.slice(from, to);
  }

  /**
   * The start timestamps of the points the last points() call returned, aligned with
   * them; undefined when the series has none.
   */
  startTimes(): number[] | undefined {
    return this.#series.startTimes?.slice(this.#from, this.#to);
  }
}
