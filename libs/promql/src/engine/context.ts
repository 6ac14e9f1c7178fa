import type { Querier } from '@promethium/storage';
import type { VectorSelector } from '../parser/ast.js';
import type { QueryGuard } from './guard.js';

/**
 * What evaluation needs: the evaluation times (`startMs` to `endMs` every `stepMs`;
 * an instant query has start = end and step 0), the lookback delta, the querier
 * covering every selector's window, and the guard.
 */
export interface EvalContext {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly lookbackMs: number;
  readonly querier: Querier;
  readonly guard: QueryGuard;
}

/** The evaluation times of a context, as a count: start + i·step for i < stepCount. */
export function stepCount(ctx: Pick<EvalContext, 'startMs' | 'endMs' | 'stepMs'>): number {
  return ctx.stepMs > 0 ? Math.floor((ctx.endMs - ctx.startMs) / ctx.stepMs) + 1 : 1;
}

/**
 * The time a selector reads at when evaluated at `ts`: the `@` time (or the query's
 * start or end) if given, else `ts`, then moved back by the offset.
 */
export function referenceTime(
  vs: VectorSelector,
  ts: number,
  ctx: Pick<EvalContext, 'startMs' | 'endMs'>,
): number {
  const at = vs.at;
  const base =
    at === undefined
      ? ts
      : at.kind === 'timestamp'
        ? at.ms
        : at.kind === 'start'
          ? ctx.startMs
          : ctx.endMs;
  return base - vs.offsetMs;
}
