import type { Cursor } from '../cursor.js';
import { parseFloatText } from '../numbers.js';
import type { ParsedSample } from '../types.js';
import type { SampleFacts } from './sample-line.js';

/**
 * Strict mode's rules for one sample on its own, by the type of its family: the values
 * each kind of sample may take, the labels it needs or must not have, and which samples
 * may carry an exemplar.
 */
export function checkSample(c: Cursor, line: SampleFacts, sample: ParsedSample): void {
  const { family, suffix } = line.kind;
  switch (family.type) {
    case 'counter':
      if (suffix === '_total') expectCounter(c, line, sample.value, 'a counter total');
      break;
    case 'stateset':
      if (!sample.labels.has(family.name)) {
        c.fail(`a stateset sample needs a label "${family.name}" naming its state`, line.nameAt);
      }
      if (sample.value !== 0 && sample.value !== 1) fail(c, line, 'a state must be 0 or 1');
      break;
    case 'info':
      if (sample.value !== 1) fail(c, line, 'an info sample must be 1');
      break;
    case 'histogram':
    case 'gaugehistogram':
      checkHistogramSample(c, line, sample.value);
      break;
    case 'summary':
      checkSummarySample(c, line, sample.value);
      break;
  }
  if (sample.exemplar !== undefined) checkExemplar(c, line, sample.exemplar.value);
}

function checkHistogramSample(c: Cursor, line: SampleFacts, value: number): void {
  const { suffix } = line.kind;
  if (suffix !== '_bucket') {
    if (line.pointLabel !== undefined) {
      c.fail(`label "le" belongs on _bucket samples only`, line.pointLabelAt);
    }
    if (suffix === '_count' || suffix === '_gcount') expectCount(c, line, value, `a ${suffix}`);
    else if (suffix === '_sum') expectCounter(c, line, value, 'a histogram _sum');
    else if (suffix === '_gsum' && Number.isNaN(value)) fail(c, line, 'a _gsum must not be NaN');
    return;
  }
  bucketBound(c, line);
  expectCount(c, line, value, 'a bucket');
}

function checkSummarySample(c: Cursor, line: SampleFacts, value: number): void {
  const { suffix } = line.kind;
  if (suffix !== '') {
    if (line.pointLabel !== undefined) {
      c.fail(`label "quantile" belongs on quantile samples only`, line.pointLabelAt);
    }
    if (suffix === '_count') expectCount(c, line, value, 'a summary _count');
    else if (suffix === '_sum') expectCounter(c, line, value, 'a summary _sum');
    return;
  }
  const text = line.pointLabel;
  if (text === undefined) c.fail(`a summary quantile needs a "quantile" label`, line.nameAt);
  const q = parseFloatText(text, 0, text.length);
  if (q === undefined || !(q >= 0 && q <= 1)) {
    c.fail(`quantile ${JSON.stringify(text)} is not a number from 0 to 1`, line.pointLabelAt);
  }
  if (value < 0) fail(c, line, 'a quantile value must not be negative');
}

/**
 * The `le` of a histogram bucket as a number. Any spelling of a finite number is
 * accepted, as the spec asks of parsers; the infinities must be written `+Inf` and
 * `-Inf`, the only spellings it allows exposers.
 */
export function bucketBound(c: Cursor, line: SampleFacts): number {
  const text = line.pointLabel;
  if (text === undefined) c.fail(`a histogram bucket needs an "le" label`, line.nameAt);
  const le = parseFloatText(text, 0, text.length);
  if (le === undefined || Number.isNaN(le)) {
    c.fail(`le ${JSON.stringify(text)} is not a number`, line.pointLabelAt);
  }
  if (!Number.isFinite(le) && text !== (le > 0 ? '+Inf' : '-Inf')) {
    c.fail(
      `le ${JSON.stringify(text)} must be written ${le > 0 ? '"+Inf"' : '"-Inf"'}`,
      line.pointLabelAt,
    );
  }
  return le;
}

// The spec allows exemplars on counter totals and on histogram buckets, and a bucket's
// exemplar must be one of the values the bucket counts.
function checkExemplar(c: Cursor, line: SampleFacts, value: number): void {
  const { family, suffix } = line.kind;
  const bucket =
    suffix === '_bucket' && (family.type === 'histogram' || family.type === 'gaugehistogram');
  if (!bucket && !(family.type === 'counter' && suffix === '_total')) {
    c.fail('exemplars are allowed on counter totals and histogram buckets only', line.exemplarAt);
  }
  if (bucket && !(value <= bucketBound(c, line))) {
    c.fail(
      `exemplar value ${value} is above the bucket's le="${line.pointLabel}"`,
      line.exemplarAt,
    );
  }
}

function expectCounter(c: Cursor, line: SampleFacts, value: number, what: string): void {
  if (Number.isNaN(value) || value < 0) fail(c, line, `${what} must not be NaN or negative`);
}

function expectCount(c: Cursor, line: SampleFacts, value: number, what: string): void {
  if (!(Number.isInteger(value) && value >= 0))
    fail(c, line, `${what} must be a non-negative integer`);
}

function fail(c: Cursor, line: SampleFacts, rule: string): never {
  return c.fail(`${rule}, got ${c.src.slice(line.valueAt, line.valueEnd)}`, line.valueAt);
}
