import { goQuote } from '@promethium/model';
import { QueryError } from '../errors.js';
import { isValidLabelName } from '../functions/label-name.js';
import { goQuoteEscaped } from '../lexer/utf8.js';
import type { InstantSample } from '../engine/result.js';
import { formatFloat } from '../float/go-float.js';
import { groupSamples } from './grouping.js';
import type { Grouping } from './grouping.js';

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
  if (!isValidLabelName(label)) {
    throw new QueryError('execution', `invalid label name ${goQuoteEscaped(label, goQuote)}`);
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
