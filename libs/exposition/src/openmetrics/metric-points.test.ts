import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from '../errors.js';
import { parseOpenMetrics } from './parse.js';

function body(lines: string[]): string {
  return [...lines, '# EOF'].join('\n');
}

function strictErrorOf(lines: string[]): ExpositionError {
  try {
    parseOpenMetrics(body(lines), { strict: true });
  } catch (err) {
    if (err instanceof ExpositionError) return err;
    throw err;
  }
  throw new Error(`parsed without error: ${JSON.stringify(lines)}`);
}

type Case = [string[], number, number, string];

function expectRefused([lines, line, column, message]: Case): void {
  const err = strictErrorOf(lines);
  expect([err.line, err.column]).toEqual([line, column]);
  expect(err.detail).toContain(message);
  // None of these rules is Prometheus's: a scrape takes every one of these bodies.
  expect(() => parseOpenMetrics(body(lines))).not.toThrow();
}

describe('OpenMetrics sample values and labels in strict mode', () => {
  const H = '# TYPE h histogram';
  const S = '# TYPE s summary';
  it.each<Case>([
    [
      ['# TYPE c counter', 'c_total -1'],
      2,
      9,
      'a counter total must not be NaN or negative, got -1',
    ],
    [
      ['# TYPE c counter', 'c_total NaN'],
      2,
      9,
      'a counter total must not be NaN or negative, got NaN',
    ],
    [
      ['# TYPE a stateset', 'a{b="x"} 1'],
      2,
      1,
      'a stateset sample needs a label "a" naming its state',
    ],
    [['# TYPE a stateset', 'a{a="x"} 0.5'], 2, 10, 'a state must be 0 or 1, got 0.5'],
    [['# TYPE a info', 'a_info{v="1"} 2'], 2, 15, 'an info sample must be 1, got 2'],
    [[H, 'h_bucket 1'], 2, 1, 'a histogram bucket needs an "le" label'],
    [[H, 'h_bucket{le="x"} 1'], 2, 10, 'le "x" is not a number'],
    [[H, 'h_bucket{le="NaN"} 1'], 2, 10, 'le "NaN" is not a number'],
    [[H, 'h_bucket{le="inf"} 1'], 2, 10, 'le "inf" must be written "+Inf"'],
    [
      [H, 'h_bucket{le="-Infinity"} 1', 'h_bucket{le="+Inf"} 1'],
      2,
      10,
      'le "-Infinity" must be written "-Inf"',
    ],
    [[H, 'h_bucket{le="+Inf"} 1.5'], 2, 21, 'a bucket must be a non-negative integer, got 1.5'],
    [[H, 'h_count{le="1"} 1'], 2, 9, 'label "le" belongs on _bucket samples only'],
    [[H, 'h_count -1'], 2, 9, 'a _count must be a non-negative integer, got -1'],
    [[H, 'h_sum NaN'], 2, 7, 'a histogram _sum must not be NaN or negative, got NaN'],
    [['# TYPE g gaugehistogram', 'g_gsum NaN'], 2, 8, 'a _gsum must not be NaN, got NaN'],
    [
      ['# TYPE g gaugehistogram', 'g_gcount 0.5'],
      2,
      10,
      'a _gcount must be a non-negative integer',
    ],
    [[S, 's 1'], 2, 1, 'a summary quantile needs a "quantile" label'],
    [[S, 's{quantile="2"} 1'], 2, 3, 'quantile "2" is not a number from 0 to 1'],
    [[S, 's{quantile="0.5"} -1'], 2, 19, 'a quantile value must not be negative, got -1'],
    [[S, 's_sum{quantile="0.5"} 1'], 2, 7, 'label "quantile" belongs on quantile samples only'],
    [[S, 's_count 1.5'], 2, 9, 'a summary _count must be a non-negative integer, got 1.5'],
    [[S, 's_sum -1'], 2, 7, 'a summary _sum must not be NaN or negative, got -1'],
  ])('refuses %j at %i:%i', (...c) => expectRefused(c));

  it.each<Case>([
    [
      ['# TYPE a gauge', 'a 1 # {} 1'],
      2,
      7,
      'exemplars are allowed on counter totals and histogram buckets only',
    ],
    [['a 1 # {} 1'], 1, 7, 'exemplars are allowed on counter totals'],
    [['# TYPE c counter', 'c_created 1 # {} 1'], 2, 15, 'exemplars are allowed on counter totals'],
    [['# TYPE h histogram', 'h_count 1 # {} 1'], 2, 13, 'exemplars are allowed on counter totals'],
    [
      ['# TYPE h histogram', 'h_bucket{le="1"} 1 # {} 1.5', 'h_bucket{le="+Inf"} 1'],
      2,
      22,
      `exemplar value 1.5 is above the bucket's le="1"`,
    ],
  ])('refuses the exemplar of %j at %i:%i', (...c) => expectRefused(c));

  it('accepts what the spec allows: NaN quantiles, any _created, exemplars on totals and buckets', () => {
    const lines = [
      '# TYPE c counter',
      'c_total 0 # {trace_id="t"} -5',
      'c_created NaN',
      '# TYPE s summary',
      's{quantile="0.99"} NaN',
      's{quantile="1e-1"} 0',
      '# TYPE h histogram',
      'h_bucket{le="-Inf"} 0',
      'h_bucket{le="1"} 2 # {} 1',
      'h_bucket{le="+Inf"} 2 # {} 1e300',
      'h_created -1',
    ];
    expect(parseOpenMetrics(body(lines), { strict: true }).samples).toHaveLength(8);
  });
});

describe('OpenMetrics histogram metric points in strict mode', () => {
  const H = '# TYPE h histogram';
  const G = '# TYPE g gaugehistogram';
  it.each<Case>([
    [[H, 'h_bucket{le="1"} 0'], 2, 1, 'the metric point of histogram h has no le="+Inf" bucket'],
    [[H, 'h_created 1'], 2, 1, 'the metric point of histogram h has no le="+Inf" bucket'],
    [
      [H, 'h_bucket{le="+Inf"} 1', 'h_count 2', 'h_sum 1'],
      2,
      1,
      "has _count 2, unlike its +Inf bucket's 1",
    ],
    [[H, 'h_bucket{le="+Inf"} 1', 'h_sum 1'], 2, 1, 'has _sum without _count'],
    [[H, 'h_bucket{le="+Inf"} 1', 'h_count 1'], 2, 1, 'has _count without _sum'],
    [
      [H, 'h_bucket{le="-1"} 0', 'h_bucket{le="+Inf"} 1', 'h_count 1', 'h_sum 0'],
      2,
      1,
      'has a _sum although buckets have negative thresholds',
    ],
    [
      [G, 'g_bucket{le="+Inf"} 1', 'g_gcount 1', 'g_gsum -1'],
      2,
      1,
      'has a negative _gsum but no buckets with negative thresholds',
    ],
    [
      [G, 'g_bucket{le="+Inf"} 1', 'g_gsum 1'],
      2,
      1,
      'the metric point of gaugehistogram g has _gsum without _gcount',
    ],
    [
      [H, 'h_bucket{le="2"} 0', 'h_bucket{le="1.0"} 0'],
      3,
      10,
      'bucket le="1.0" follows a bucket with le=2 (buckets must be sorted by le, each le once)',
    ],
    [
      [H, 'h_bucket{le="1"} 0', 'h_bucket{le="1.0"} 0'],
      3,
      10,
      'bucket le="1.0" follows a bucket with le=1',
    ],
    [
      [H, 'h_bucket{le="1"} 2', 'h_bucket{le="+Inf"} 1'],
      3,
      21,
      "bucket value 1 is below the previous bucket's 2",
    ],
    [
      [H, 'h_bucket{x="a",le="+Inf"} 1', 'h_bucket{x="b",le="1"} 1'],
      3,
      1,
      'the metric point of histogram h{x="b"} has no le="+Inf" bucket',
    ],
    [
      [
        H,
        'h_bucket{le="+Inf"} 1 10',
        'h_count 1 10',
        'h_sum 1 10',
        'h_bucket{le="+Inf"} 2 20',
        'h_count 3 20',
        'h_sum 3 20',
      ],
      5,
      1,
      "has _count 3, unlike its +Inf bucket's 2",
    ],
  ])('refuses %j at %i:%i', (...c) => expectRefused(c));

  it('accepts complete points, in any sample order within a point, one point per timestamp', () => {
    const lines = [
      '# TYPE h histogram',
      'h_count{x="a"} 3',
      'h_sum{x="a"} 4.5',
      'h_bucket{x="a",le="0.5"} 1',
      'h_bucket{le="+Inf",x="a"} 3',
      'h_bucket{x="b",le="+Inf"} 0 10',
      'h_bucket{x="b",le="+Inf"} 2 20',
      '# TYPE g gaugehistogram',
      'g_bucket{le="-5"} 1',
      'g_bucket{le="+Inf"} 1',
      'g_gcount 1',
      'g_gsum -5',
    ];
    expect(parseOpenMetrics(body(lines), { strict: true }).samples).toHaveLength(10);
  });
});

describe('OpenMetrics metrics and timestamps in strict mode', () => {
  it.each<Case>([
    [
      ['a{x="1"} 1', 'a{x="2"} 1', 'a{x="1"} 2'],
      3,
      1,
      `samples of a{x="1"} are interleaved with another metric's`,
    ],
    [
      ['# TYPE s summary', 's_sum{x="1"} 1', 's_sum{x="2"} 1', 's_count{x="1"} 1'],
      4,
      1,
      'samples of s{x="1"} are interleaved',
    ],
    [['a 1 1', 'a 2'], 2, 4, 'samples of a must have timestamps all or none'],
    [['a 1', 'a 2 1'], 2, 4, 'samples of a must have timestamps all or none'],
    [['a 1 2', 'a 1 1.999'], 2, 5, 'timestamp goes backwards from the previous sample of a'],
    [['a 1', 'a 2'], 2, 1, 'second a sample of a without a timestamp'],
    [
      ['# TYPE c counter', 'c_total 1', 'c_created 1', 'c_total 2'],
      4,
      1,
      'second c_total sample of c without a timestamp',
    ],
    [
      ['# TYPE a stateset', 'a{a="x"} 1', 'a{a="x"} 0'],
      3,
      1,
      'second a sample of a without a timestamp',
    ],
    [
      ['# TYPE s summary', 's{quantile="0.5"} 1', 's{quantile="0.50"} 1'],
      3,
      1,
      'second s sample of s without a timestamp',
    ],
  ])('refuses %j at %i:%i', (...c) => expectRefused(c));

  it('accepts equal timestamps (ingestors keep the first) and the states of a stateset as one metric', () => {
    const lines = [
      'a 1 1',
      'a 2 1',
      'a 3 1.5',
      '# TYPE s stateset',
      's{s="x",e="1"} 1',
      's{e="1",s="y"} 0',
      's{e="2",s="x"} 0',
    ];
    expect(parseOpenMetrics(body(lines), { strict: true }).samples).toHaveLength(6);
  });
});
