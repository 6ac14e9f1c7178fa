import { QueryError } from '../errors.js';
import type { InstantSample } from '../engine/result.js';
import { elementBinop } from './arithmetic.js';
import type { ValueOp } from './arithmetic.js';
import { goLabelsString } from './labels-text.js';
import { changesMetricSchema, matchLabels, resultLabels, signature } from './matching.js';
import type { VectorMatching } from './matching.js';
import { assertUniqueLabelsets } from './unique.js';

/** The tail of Prometheus's error for a "one" side with two series in one match group. */
export const MANY_TO_MANY_NOT_ALLOWED =
  'many-to-many matching not allowed: matching labels must be unique on one side';

/** Indexes the "one" side by match group, refusing two series in one group. */
function indexOneSide(
  one: readonly InstantSample[],
  matching: VectorMatching,
  side: 'left' | 'right',
): Map<string, InstantSample> {
  const bySig = new Map<string, InstantSample>();
  for (const s of one) {
    const sig = signature(s.labels, matching);
    const previous = bySig.get(sig);
    if (previous !== undefined) {
      const group = goLabelsString(matchLabels(s.labels, matching));
      const pair = [goLabelsString(s.labels), goLabelsString(previous.labels)].sort();
      throw new QueryError(
        'execution',
        `found duplicate series for the match group ${group} on the ${side} hand-side of the ` +
          `operation: [${pair.join(', ')}];${MANY_TO_MANY_NOT_ALLOWED}`,
      );
    }
    bySig.set(sig, s);
  }
  return bySig;
}

/** Remembers which match groups produced results, to refuse ambiguous matches. */
class MatchedGroups {
  readonly #oneToOne = new Set<string>();
  readonly #manyToOne = new Map<string, Set<string>>();

  constructor(private readonly oneToOne: boolean) {}

  record(sig: string, resultKey: string): void {
    if (this.oneToOne) {
      if (this.#oneToOne.has(sig)) {
        throw new QueryError(
          'execution',
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      }
      this.#oneToOne.add(sig);
      return;
    }
    const keys = this.#manyToOne.get(sig) ?? new Set<string>();
    if (keys.has(resultKey)) {
      throw new QueryError(
        'execution',
        'multiple matches for labels: grouping labels must ensure unique matches',
      );
    }
    keys.add(resultKey);
    this.#manyToOne.set(sig, keys);
  }

  has(sig: string): boolean {
    return this.oneToOne ? this.#oneToOne.has(sig) : (this.#manyToOne.get(sig)?.size ?? 0) > 0;
  }
}

/**
 * vector ⊕ vector for arithmetic and comparison operators, as Prometheus's VectorBinop:
 * pairs series by `matching`, fills missing sides when fill values are given, drops the
 * metric name for arithmetic and `bool`, filters on false comparisons unless `returnBool`.
 * Throws QueryError('execution') with Prometheus's messages for ambiguous matches.
 */
export function vectorBinop(
  op: ValueOp,
  lhs: readonly InstantSample[],
  rhs: readonly InstantSample[],
  matching: VectorMatching,
  returnBool: boolean,
): InstantSample[] {
  if (matching.card === 'many-to-many') {
    throw new Error('BUG: many-to-many matching is only allowed for set operators');
  }
  const { fillLhs, fillRhs } = matching;
  const noFill = fillLhs === undefined && fillRhs === undefined;
  if ((lhs.length === 0 || rhs.length === 0) && (noFill || lhs.length + rhs.length === 0)) {
    return [];
  }
  // The loop runs over the "many" side; for group_right that is the right operand.
  const swapped = matching.card === 'one-to-many';
  const [many, one] = swapped ? [rhs, lhs] : [lhs, rhs];
  const oneBySig = indexOneSide(one, matching, swapped ? 'left' : 'right');
  const matched = new MatchedGroups(matching.card === 'one-to-one');
  const dropName = returnBool || changesMetricSchema(op);
  const out: InstantSample[] = [];

  const apply = (m: InstantSample, o: InstantSample, sig: string): void => {
    const [l, r] = swapped ? [o.v, m.v] : [m.v, o.v];
    const { value, keep } = elementBinop(op, l, r);
    const labels = resultLabels(m.labels, o.labels, matching, dropName);
    matched.record(sig, labels.key());
    // Spreading `m` keeps whatever the engine attached to the sample (its name-drop mark).
    if (returnBool) out.push({ ...m, labels, v: keep ? 1 : 0 });
    else if (keep) out.push({ ...m, labels, v: value });
  };

  for (const m of many) {
    const sig = signature(m.labels, matching);
    const o = oneBySig.get(sig);
    if (o !== undefined) apply(m, o, sig);
    else if (fillRhs !== undefined) {
      apply(m, { labels: matchLabels(m.labels, matching), t: m.t, v: fillRhs }, sig);
    }
  }
  if (fillLhs !== undefined) {
    for (const o of one) {
      const sig = signature(o.labels, matching);
      if (matched.has(sig)) continue;
      apply({ labels: matchLabels(o.labels, matching), t: o.t, v: fillLhs }, o, sig);
    }
  }
  assertUniqueLabelsets(out);
  return out;
}
