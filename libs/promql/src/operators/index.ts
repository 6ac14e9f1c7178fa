export {
  type ArithmeticOp,
  type ComparisonOp,
  type SetOp,
  type ValueOp,
  type BinaryOp,
  isComparisonOp,
  isSetOp,
  arithmetic,
  compare,
  scalarBinop,
  elementBinop,
} from './arithmetic.js';
export {
  type MatchCardinality,
  type VectorMatching,
  DEFAULT_MATCHING,
  SET_MATCHING,
  METRIC_METADATA_LABELS,
  matchLabels,
  signature,
  changesMetricSchema,
  resultLabels,
} from './matching.js';
export { type Operand, binaryOperation } from './binary.js';
export { vectorBinop, MANY_TO_MANY_NOT_ALLOWED } from './vector-binop.js';
export { vectorScalarBinop } from './vector-scalar.js';
export { vectorAnd, vectorOr, vectorUnless, setBinop } from './set-ops.js';
export { assertUniqueLabelsets, dropMetricName, DUPLICATE_LABELSET } from './unique.js';
export {
  type Aggregation,
  type AggregationOp,
  type AggregateResult,
  type SelectingOp,
  aggregate,
} from './aggregate.js';
export { type ReducingOp, reduce } from './accumulators.js';
export { type Grouping, type Group, NO_GROUPING, groupLabels, groupSamples } from './grouping.js';
export { countValues } from './count-values.js';
export { prometheusLabelsHash } from './label-hash.js';
export { goLabelsString } from './labels-text.js';
