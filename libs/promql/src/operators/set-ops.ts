import type { InstantSample } from '../engine/result.js';
import type { SetOp } from './arithmetic.js';
import { signature } from './matching.js';
import type { VectorMatching } from './matching.js';

function signatures(v: readonly InstantSample[], matching: VectorMatching): Set<string> {
  return new Set(v.map((s) => signature(s.labels, matching, true)));
}

function requireManyToMany(matching: VectorMatching): void {
  if (matching.card !== 'many-to-many') {
    throw new Error('BUG: set operations must only use many-to-many matching');
  }
}

/** `lhs and rhs`: the left series whose match group appears on the right, labels unchanged. */
export function vectorAnd(
  lhs: readonly InstantSample[],
  rhs: readonly InstantSample[],
  matching: VectorMatching,
): InstantSample[] {
  requireManyToMany(matching);
  if (lhs.length === 0 || rhs.length === 0) return [];
  const right = signatures(rhs, matching);
  return lhs.filter((s) => right.has(signature(s.labels, matching, true)));
}

/** `lhs or rhs`: every left series, then the right series whose match group the left lacks. */
export function vectorOr(
  lhs: readonly InstantSample[],
  rhs: readonly InstantSample[],
  matching: VectorMatching,
): InstantSample[] {
  requireManyToMany(matching);
  if (lhs.length === 0 || rhs.length === 0) return [...lhs, ...rhs];
  const left = signatures(lhs, matching);
  return [...lhs, ...rhs.filter((s) => !left.has(signature(s.labels, matching, true)))];
}

/** `lhs unless rhs`: the left series whose match group does not appear on the right. */
export function vectorUnless(
  lhs: readonly InstantSample[],
  rhs: readonly InstantSample[],
  matching: VectorMatching,
): InstantSample[] {
  requireManyToMany(matching);
  if (lhs.length === 0 || rhs.length === 0) return [...lhs];
  const right = signatures(rhs, matching);
  return lhs.filter((s) => !right.has(signature(s.labels, matching, true)));
}

/** Dispatches a set operator to vectorAnd, vectorOr or vectorUnless. */
export function setBinop(
  op: SetOp,
  lhs: readonly InstantSample[],
  rhs: readonly InstantSample[],
  matching: VectorMatching,
): InstantSample[] {
  if (op === 'and') return vectorAnd(lhs, rhs, matching);
  if (op === 'or') return vectorOr(lhs, rhs, matching);
  return vectorUnless(lhs, rhs, matching);
}
