import type { Labels } from '@promethium/model';
import type { InstantSample, Point } from './result.js';

/**
 * An instant-vector element during evaluation. `dropName` marks a series whose
 * `__name__` Prometheus 3 removes at the end of the evaluation (delayed name removal),
 * so label functions in between can still see it.
 */
export interface Sample extends InstantSample {
  readonly dropName?: boolean;
}

/**
 * A series of a range vector during evaluation, points ascending in time. `startTimes`,
 * aligned with the points (ms, 0 for unknown), is present only when a selector read
 * them for a function that uses them and some point had one.
 */
export interface MatrixSeries {
  readonly labels: Labels;
  readonly points: readonly Point[];
  readonly startTimes?: readonly number[];
  readonly dropName?: boolean;
}

/**
 * An evaluated expression. Instant vectors and scalars hold one entry per evaluation
 * step of the context; a range vector exists only at a single evaluation time.
 */
export type EvalValue =
  | { readonly kind: 'vector'; readonly steps: readonly (readonly Sample[])[] }
  | { readonly kind: 'scalar'; readonly steps: readonly number[] }
  | { readonly kind: 'matrix'; readonly series: readonly MatrixSeries[] }
  | { readonly kind: 'string'; readonly value: string };

/** The value as per-step vectors; BUG if it is not an instant vector. */
export function asVector(v: EvalValue): readonly (readonly Sample[])[] {
  if (v.kind !== 'vector') throw new Error(`BUG: expected an instant vector, got ${v.kind}`);
  return v.steps;
}

/** The value as per-step scalars; BUG if it is not a scalar. */
export function asScalar(v: EvalValue): readonly number[] {
  if (v.kind !== 'scalar') throw new Error(`BUG: expected a scalar, got ${v.kind}`);
  return v.steps;
}

/** The value as a string; BUG if it is not one. */
export function asString(v: EvalValue): string {
  if (v.kind !== 'string') throw new Error(`BUG: expected a string, got ${v.kind}`);
  return v.value;
}
