import type { InstantSample } from '../engine/result.js';
import { isSetOp, scalarBinop } from './arithmetic.js';
import type { BinaryOp } from './arithmetic.js';
import type { VectorMatching } from './matching.js';
import { setBinop } from './set-ops.js';
import { vectorBinop } from './vector-binop.js';
import { vectorScalarBinop } from './vector-scalar.js';

/** A binary operand or result: a scalar or an instant vector. */
export type Operand =
  | { readonly kind: 'scalar'; readonly v: number }
  | { readonly kind: 'vector'; readonly samples: readonly InstantSample[] };

/**
 * Evaluates `lhs op rhs` for one evaluation step, dispatching on the operand kinds the
 * way Prometheus's engine does. Set operators need two vectors (the parser guarantees
 * it; anything else is a BUG). Throws QueryError('execution') for matching errors.
 */
export function binaryOperation(
  op: BinaryOp,
  lhs: Operand,
  rhs: Operand,
  matching: VectorMatching,
  returnBool: boolean,
): Operand {
  if (isSetOp(op)) {
    if (lhs.kind !== 'vector' || rhs.kind !== 'vector') {
      throw new Error(`BUG: set operator ${op} between non-vectors`);
    }
    return { kind: 'vector', samples: setBinop(op, lhs.samples, rhs.samples, matching) };
  }
  if (lhs.kind === 'vector') {
    const samples =
      rhs.kind === 'vector'
        ? vectorBinop(op, lhs.samples, rhs.samples, matching, returnBool)
        : vectorScalarBinop(op, lhs.samples, rhs.v, false, returnBool);
    return { kind: 'vector', samples };
  }
  if (rhs.kind === 'scalar') return { kind: 'scalar', v: scalarBinop(op, lhs.v, rhs.v) };
  return { kind: 'vector', samples: vectorScalarBinop(op, rhs.samples, lhs.v, true, returnBool) };
}
