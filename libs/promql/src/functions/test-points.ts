import type { Point } from '../engine/result.js';
import type { RangeContext } from './types.js';

/** Points from `[seconds, value]` pairs, for tests. */
export function pts(...pairs: readonly (readonly [number, number])[]): Point[] {
  return pairs.map(([s, v]) => ({ t: s * 1000, v }));
}

/** A context for the window `(end - range, end]` (seconds), evaluated at `end`. */
export function win(end: number, range: number, extra: Partial<RangeContext> = {}): RangeContext {
  return {
    evalTime: end * 1000,
    rangeStart: (end - range) * 1000,
    rangeEnd: end * 1000,
    args: [],
    ...extra,
  };
}
