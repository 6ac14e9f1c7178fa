export type { RangeContext, RangeKernel } from './types.js';
export { rangeFunctions } from './range-functions.js';
export { rate, increase, delta, irate, idelta } from './range-rate.js';
export { extendedChange, anchoredStart } from './range-extended.js';
export {
  deriv,
  predictLinear,
  doubleExponentialSmoothing,
  linearRegression,
} from './range-trend.js';
export { resets, changes } from './range-counts.js';
export {
  avgOverTime,
  countOverTime,
  firstOverTime,
  lastOverTime,
  madOverTime,
  maxOverTime,
  minOverTime,
  presentOverTime,
  quantileOverTime,
  stddevOverTime,
  stdvarOverTime,
  sumOverTime,
  tsOfFirstOverTime,
  tsOfLastOverTime,
  tsOfMaxOverTime,
  tsOfMinOverTime,
} from './range-aggregate.js';
export {
  type ValueFn,
  valueFunctions,
  mapValues,
  round,
  clamp,
  clampMin,
  clampMax,
  timestamp,
} from './math.js';
export { dateFunctions } from './date.js';
export { sort, sortDesc, sortByLabel, sortByLabelDesc } from './sort.js';
export { naturalLess } from './natsort.js';
export {
  type LabelReplaceArgs,
  type CaptureRegex,
  type RegexCompiler,
  labelReplace,
  labelReplacer,
} from './label-replace.js';
export { type LabelJoinArgs, labelJoin, labelJoiner } from './label-join.js';
export { isValidLabelName } from './label-name.js';
export { type RegexMatch, expandTemplate } from './regex-expand.js';
export {
  type Bucket,
  type BucketGroup,
  type BucketGroups,
  groupBuckets,
  mergeBuckets,
} from './histogram-buckets.js';
export { bucketQuantile } from './histogram-quantile.js';
export { bucketFraction } from './histogram-fraction.js';
export { parseGoFloat } from './go-float.js';
export { vector, scalar, absentLabels } from './vector.js';
export { dropsMetricName } from './names.js';
export { FunctionArgumentError } from './errors.js';
