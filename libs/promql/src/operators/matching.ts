import { Labels, METRIC_NAME } from '@promethium/model';
import type { VectorMatching } from '../parser/ast.js';
import type { ArithmeticOp, BinaryOp } from './arithmetic.js';

export type { MatchCardinality, VectorMatching } from '../parser/ast.js';

/** Default matching of `a op b` without modifiers: one-to-one, ignoring nothing. */
export const DEFAULT_MATCHING: VectorMatching = {
  card: 'one-to-one',
  on: false,
  labels: [],
  include: [],
  fillLhs: undefined,
  fillRhs: undefined,
};

/** The matching of a set operator without modifiers. */
export const SET_MATCHING: VectorMatching = { ...DEFAULT_MATCHING, card: 'many-to-many' };

/** Labels an arithmetic result or a `bool` comparison loses: the metric name and its metadata. */
export const METRIC_METADATA_LABELS: readonly string[] = [METRIC_NAME, '__type__', '__unit__'];

/**
 * Prometheus's MatchLabels: the labels a series is matched on. `ignoring` never matches
 * on the name, and for set operators (`setOp`) not on its metadata (`__type__`, `__unit__`).
 */
export function matchLabels(labels: Labels, matching: VectorMatching, setOp = false): Labels {
  const names = new Set(matching.labels);
  const skipped = setOp ? METRIC_METADATA_LABELS : [METRIC_NAME];
  const kept = [...labels].filter(([n]) =>
    matching.on ? names.has(n) : !names.has(n) && !skipped.includes(n),
  );
  return kept.length === labels.size ? labels : Labels.fromPairs(kept);
}

/** A string identifying the match group of a series; equal groups have equal signatures. */
export function signature(labels: Labels, matching: VectorMatching, setOp = false): string {
  let sig = '';
  for (const [n, v] of matchLabels(labels, matching, setOp)) {
    sig += `${n.length}:${n}${v.length}:${v}`;
  }
  return sig;
}

/** Whether the operator produces a new kind of value, so the name and metadata go. */
export function changesMetricSchema(op: BinaryOp): op is ArithmeticOp {
  return !['==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless'].includes(op);
}

/**
 * The labels of a vector ⊕ vector result, built from the "many" side `many` (the left
 * side for one-to-one): name dropped when asked, on/ignoring applied for one-to-one,
 * `include` labels copied from the "one" side (or removed when that side lacks them).
 */
export function resultLabels(
  many: Labels,
  one: Labels,
  matching: VectorMatching,
  dropName: boolean,
): Labels {
  const out = new Map(many);
  if (dropName) for (const n of METRIC_METADATA_LABELS) out.delete(n);
  if (matching.card === 'one-to-one') {
    const names = new Set(matching.labels);
    for (const n of [...out.keys()]) if (names.has(n) !== matching.on) out.delete(n);
  }
  for (const n of matching.include) {
    const v = one.get(n);
    if (v === '') out.delete(n);
    else out.set(n, v);
  }
  return Labels.fromPairs(out);
}
