import { describe, expect, it } from '@jest/globals';
import { Labels, compareLabels, matchesAll } from '@promethium/model';
import type { Matcher, Series } from '@promethium/model';
import type { Queryable } from '@promethium/storage';
import { QueryError } from '../errors.js';
import { ALL_EXPERIMENTAL } from '../parser/options.js';
import { Engine } from './engine.js';
import type { QueryResult } from './result.js';

const MIN = 60_000;

const sample = (labels: Record<string, string>, v: number): Series => ({
  labels: Labels.fromRecord(labels),
  samples: [{ t: 0, v }],
});
const bucket = (name: string, job: string, le: string, v: number): Series =>
  sample({ __name__: name, job, le }, v);

// lat: (0,1] holds 2 observations, (1,2] 4, (2,+Inf] 2 for job a; job b has only +Inf.
const store: Queryable = {
  querier: () => ({
    async *select(matchers: readonly Matcher[]): AsyncIterable<Series> {
      yield* [
        bucket('lat_bucket', 'a', '1', 2),
        bucket('lat_bucket', 'a', '2.0', 6),
        bucket('lat_bucket', 'a', '+Inf', 8),
        bucket('lat_bucket', 'b', '+Inf', 3),
        bucket('mono_bucket', 'a', '1', 4),
        bucket('mono_bucket', 'a', '2', 2),
        bucket('mono_bucket', 'a', '+Inf', 8),
        sample({ __name__: 'bad_bucket', le: 'x' }, 1),
      ]
        .filter((s) => matchesAll(matchers, s.labels))
        .sort((x, y) => compareLabels(x.labels, y.labels));
    },
  }),
};

const engine = new Engine({ parseOptions: ALL_EXPERIMENTAL, lookbackDeltaMs: MIN });

function lines(r: QueryResult): string[] {
  if (r.kind !== 'vector') return [r.kind];
  return r.series.map((s) => `${s.labels.toString()} ${s.v}`).sort();
}

const WARN_Q = (q: string): string =>
  `PromQL warning: quantile value should be between 0 and 1, got ${q}`;
const MONOTONIC =
  'PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "mono_bucket"';

describe('classic histogram functions', () => {
  const cases: [string, string, string[], string[]][] = [
    ['quantile', 'histogram_quantile(0.5, lat_bucket)', ['{job="a"} 1.5', '{job="b"} NaN'], []],
    [
      'quantile q < 0',
      'histogram_quantile(-1, lat_bucket{job="a"})',
      ['{job="a"} -Infinity'],
      [WARN_Q('-1')],
    ],
    ['quantile NaN without input', 'histogram_quantile(NaN, nope)', [], [WARN_Q('NaN')]],
    [
      'quantile forced monotonic',
      'histogram_quantile(0.25, mono_bucket)',
      ['{job="a"} 0.5'],
      [MONOTONIC],
    ],
    [
      'quantiles label each φ',
      'histogram_quantiles(lat_bucket{job="a"}, "q", 0, 0.5, 1)',
      ['{job="a", q="0.0"} 0', '{job="a", q="0.5"} 1.5', '{job="a", q="1.0"} 2'],
      [],
    ],
    [
      'quantiles warn per bad φ',
      'histogram_quantiles(lat_bucket{job="a"}, "q", 2, NaN)',
      ['{job="a", q="2.0"} Infinity', '{job="a", q="NaN"} NaN'],
      [WARN_Q('2'), WARN_Q('NaN')],
    ],
    [
      'bad le',
      'histogram_quantiles(bad_bucket, "q", 0.5)',
      [],
      [
        'PromQL warning: bucket label "le" is missing or has a malformed value of "x" for metric name "bad_bucket"',
      ],
    ],
    ['fraction', 'histogram_fraction(0.5, 2, lat_bucket)', ['{job="a"} 0.625', '{job="b"} 0'], []],
    [
      'fraction NaN bound',
      'histogram_fraction(NaN, 2, lat_bucket{job="a"})',
      ['{job="a"} NaN'],
      [],
    ],
    ['fraction of forced input', 'histogram_fraction(1, 2, mono_bucket)', ['{job="a"} -0.25'], []],
  ];
  it.each(cases)('%s: %s', async (_name, query, want, warnings) => {
    const r = await engine.instantQuery(store, query, 0);
    expect(lines(r)).toEqual(want);
    expect(r.warnings).toEqual(warnings);
  });

  it('fails when the quantile label makes two series alike', async () => {
    const query = 'histogram_quantiles(lat_bucket, "job", 0.5)';
    await expect(engine.instantQuery(store, query, 0)).rejects.toThrow(QueryError);
  });

  it('warns for a bad φ at every step of a range query, input or not', async () => {
    const r = await engine.rangeQuery(store, 'histogram_quantile(1.5, nope)', 0, 2 * MIN, MIN);
    expect(r.warnings).toEqual([WARN_Q('1.5')]);
  });
});
