import {
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
import { changes, resets } from './range-counts.js';
import { delta, idelta, increase, irate, rate } from './range-rate.js';
import { deriv, doubleExponentialSmoothing, predictLinear } from './range-trend.js';
import type { RangeKernel } from './types.js';

/**
 * Every range-vector kernel by PromQL name. `absent_over_time` is not here: it only
 * asks whether any series had points, then uses absentLabels.
 */
export const rangeFunctions: ReadonlyMap<string, RangeKernel> = new Map<string, RangeKernel>([
  ['rate', rate],
  ['increase', increase],
  ['delta', delta],
  ['irate', irate],
  ['idelta', idelta],
  ['deriv', deriv],
  ['predict_linear', predictLinear],
  ['double_exponential_smoothing', doubleExponentialSmoothing],
  ['resets', resets],
  ['changes', changes],
  ['avg_over_time', avgOverTime],
  ['min_over_time', minOverTime],
  ['max_over_time', maxOverTime],
  ['sum_over_time', sumOverTime],
  ['count_over_time', countOverTime],
  ['quantile_over_time', quantileOverTime],
  ['stddev_over_time', stddevOverTime],
  ['stdvar_over_time', stdvarOverTime],
  ['mad_over_time', madOverTime],
  ['last_over_time', lastOverTime],
  ['first_over_time', firstOverTime],
  ['present_over_time', presentOverTime],
  ['ts_of_min_over_time', tsOfMinOverTime],
  ['ts_of_max_over_time', tsOfMaxOverTime],
  ['ts_of_first_over_time', tsOfFirstOverTime],
  ['ts_of_last_over_time', tsOfLastOverTime],
]);
