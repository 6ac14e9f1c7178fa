import { Labels, METRIC_NAME } from '@promethium/model';
import type { ArithmeticOp, BinaryOp } from './arithmetic.js';

/** How series of two vectors pair up: Prometheus's group modifiers. */
export type MatchCardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

/**
 * The vector matching of a binary operation. `on` true means `on(labels)`, false means
 * `ignoring(labels)` (the metric name is then ignored too); `include` are the
 * `group_left(...)`/`group_right(...)` labels copied from the "one" side. `fillLeft` /
 * `fillRight` are the experimental fill()/fill_left()/fill_right() values that stand in
 * for a missing series on that side.
 */
export interface VectorMatching {
  readonly card: MatchCardinality;
  readonly on: boolean;
  readonly labels: readonly string[];
  readonly include: readonly string[];
  readonly fillLeft?: number;
  readonly fillRight?: number;
}

/** Default matching of `a op b` without modifiers: one-to-one, ignoring nothing. */
export const DEFAULT_MATCHING: VectorMatching = {
  card: 'one-to-one',
  on: false,
  labels: [],
  include: [],
};

/** The matching of a set operator without modifiers. */
export const SET_MATCHING: VectorMatching = { ...DEFAULT_MATCHING, card: 'many-to-many' };

/** Labels an arithmetic result or a `bool` comparison loses: the metric name and its metadata. */
export const METRIC_METADATA_LABELS: readonly string[] = [METRIC_NAME, '__type__', '__unit__'];

/** Prometheus's MatchLabels: the labels a series is matched on (never the name for ignoring). */
export function matchLabels(labels: Labels, matching: VectorMatching): Labels {
  const names = new Set(matching.labels);
  const kept = [...labels].filter(([n]) =>
    matching.on ? names.has(n) : !names.has(n) && n !== METRIC_NAME,
  );
  return kept.length === labels.size ? labels : Labels.fromPairs(kept);
}

/** A string identifying the match group of a series; equal groups have equal signatures. */
export function signature(labels: Labels, matching: VectorMatching): string {
  let sig = '';
  for (const [n, v] of matchLabels(labels, matching)) sig += `${n.length}:${n}${v.length}:${v}`;
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
