import type { Querier } from '@promethium/storage';
import type { RegexCompiler } from '../functions/label-replace.js';
import type { TimeModifiers } from '../parser/ast.js';
import type { Annotations } from './annotations.js';
import type { QueryGuard } from './guard.js';
import type { QueryTimes } from './resolve.js';

/**
 * What evaluation needs: the evaluation times (`startMs` to `endMs` every `stepMs`;
 * one time when step is 0), the lookback delta, the querier covering every selector's
 * window, the guard, the annotations collected so far, the regex compiler and whether
 * start timestamps are used.
 * A subquery evaluates its inner expression in a context with its own times.
 */
export interface EvalContext {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  readonly lookbackMs: number;
  readonly querier: Querier;
  readonly guard: QueryGuard;
  readonly annotations: Annotations;
  readonly compileRegex: RegexCompiler;
  /** The query's own times, for start(), end(), range() and step(). */
  readonly query: QueryTimes;
  /** Whether the counter functions and start_timestamp() read samples' start timestamps. */
  readonly useStartTimestamps: boolean;
}

/** The evaluation times of a context, as a count: start + i·step for i < stepCount. */
export function stepCount(ctx: Pick<EvalContext, 'startMs' | 'endMs' | 'stepMs'>): number {
  return ctx.stepMs > 0 ? Math.floor((ctx.endMs - ctx.startMs) / ctx.stepMs) + 1 : 1;
}

/** The evaluation time of step `i`. */
export function stepTime(ctx: Pick<EvalContext, 'startMs' | 'stepMs'>, i: number): number {
  return ctx.startMs + i * ctx.stepMs;
}

/**
 * The time a selector or subquery reads at when evaluated at `ts`: the `@` time if
 * given (the engine resolves `@ start()`/`@ end()` to times before evaluating), else
 * `ts`, then moved back by the offset.
 */
export function referenceTime(mods: TimeModifiers, ts: number): number {
  const at = mods.at;
  if (at !== undefined && at.kind !== 'timestamp') {
    throw new Error('BUG: @ start()/end() must be resolved before evaluation');
  }
  return (at === undefined ? ts : at.ms) - mods.offsetMs;
}
