import type { InstantSample } from '../engine/result.js';
import { elementBinop, isComparisonOp } from './arithmetic.js';
import type { ValueOp } from './arithmetic.js';
import { changesMetricSchema } from './matching.js';
import { assertUniqueLabelsets, dropMetricName } from './unique.js';

/**
 * vector ⊕ scalar (or scalar ⊕ vector when `scalarOnLeft`): a comparison keeps the
 * vector's value whichever side it is on; arithmetic and `bool` drop the metric name.
 * Throws QueryError('execution') when dropping names leaves two equal label sets.
 */
export function vectorScalarBinop(
  op: ValueOp,
  vector: readonly InstantSample[],
  scalar: number,
  scalarOnLeft: boolean,
  returnBool: boolean,
): InstantSample[] {
  const dropName = returnBool || changesMetricSchema(op);
  const out: InstantSample[] = [];
  for (const s of vector) {
    const [l, r] = scalarOnLeft ? [scalar, s.v] : [s.v, scalar];
    const result = elementBinop(op, l, r);
    const value = isComparisonOp(op) ? s.v : result.value;
    if (!returnBool && !result.keep) continue;
    const labels = dropName ? dropMetricName(s.labels) : s.labels;
    out.push({ ...s, labels, v: returnBool ? (result.keep ? 1 : 0) : value });
  }
  assertUniqueLabelsets(out);
  return out;
}
