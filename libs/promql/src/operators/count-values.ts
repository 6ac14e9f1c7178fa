import { goQuote } from '@promethium/model';
import { QueryError } from '../errors.js';
import type { InstantSample } from '../engine/result.js';
import { formatFloat } from './go-float.js';
import { groupSamples } from './grouping.js';
import type { Grouping } from './grouping.js';

// A lone surrogate is JavaScript's form of a string that is not valid UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * count_values(label, v): per group, how many samples have each value, the value written
 * into `label` as Go's FormatFloat(v, 'f', -1) ("+Inf", "NaN", no exponent). With `by`,
 * `label` joins the grouping. Throws QueryError('execution') for an empty or invalid name.
 */
export function countValues(
  label: string,
  input: readonly InstantSample[],
  grouping: Grouping,
  t: number,
): InstantSample[] {
  if (label === '' || LONE_SURROGATE.test(label)) {
    throw new QueryError('execution', `invalid label name ${goQuote(label)}`);
  }
  const withValue = input.map((s) => ({ ...s, labels: s.labels.with(label, formatFloat(s.v)) }));
  const effective = grouping.without
    ? grouping
    : { without: false, labels: [...grouping.labels, label] };
  return groupSamples(withValue, effective).map((g) => ({
    labels: g.labels,
    t,
    v: g.samples.length,
  }));
}
