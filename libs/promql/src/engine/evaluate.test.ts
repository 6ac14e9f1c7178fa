import { describe, expect, it } from '@jest/globals';
import { Labels, compareLabels, matchesAll } from '@promethium/model';
import type { Matcher, Series } from '@promethium/model';
import type { Querier, Queryable } from '@promethium/storage';
import { QueryError } from '../errors.js';
import { ALL_EXPERIMENTAL } from '../parser/options.js';
import { Engine } from './engine.js';
import type { QueryResult } from './result.js';

/** An in-memory store that counts the selects it serves. */
class Store implements Queryable {
  selects = 0;
  constructor(private readonly series: Series[]) {}
  querier(): Querier {
    return {
      select: (matchers: readonly Matcher[]): AsyncIterable<Series> => {
        this.selects++;
        const hits = this.series
          .filter((s) => matchesAll(matchers, s.labels))
          .sort((a, b) => compareLabels(a.labels, b.labels));
        return (async function* () {
          yield* hits;
        })();
      },
    };
  }
}

const MIN = 60_000;

/** A series sampled every minute from t=0: `values[i]` at i minutes. */
function minutely(labels: Record<string, string>, values: number[]): Series {
  return {
    labels: Labels.fromRecord(labels),
    samples: values.map((v, i) => ({ t: i * MIN, v })),
  };
}

const store = (): Store =>
  new Store([
    minutely({ __name__: 'req_total', job: 'a', code: '200' }, [0, 60, 120, 180, 240, 300]),
    minutely({ __name__: 'req_total', job: 'b', code: '500' }, [0, 6, 12, 18, 24, 30]),
    minutely({ __name__: 'limit', job: 'a' }, [100, 100, 100, 100, 100, 100]),
    minutely({ __name__: 'limit_soft', job: 'a' }, [90, 90, 90, 90, 90, 90]),
    minutely({ __name__: 'lat_bucket', le: '1' }, [0, 5, 10, 15, 20, 25]),
    minutely({ __name__: 'lat_bucket', le: '+Inf' }, [0, 10, 20, 30, 40, 50]),
  ]);

const engine = new Engine({ parseOptions: ALL_EXPERIMENTAL });

/** Instant results as `labels value` lines, range results as `labels v1 v2 …`. */
function lines(r: QueryResult): string[] {
  switch (r.kind) {
    case 'vector':
      return r.series.map((s) => `${s.labels.toString()} ${s.v}`);
    case 'matrix':
      return r.series.map((s) => `${s.labels.toString()} ${s.samples.map((p) => p.v).join(' ')}`);
    default:
      return [String(r.v)];
  }
}

describe('instant evaluation of every node kind', () => {
  const cases: [string, string, number, string[]][] = [
    ['unary minus drops the name', '-limit', 5 * MIN, ['{job="a"} -100']],
    ['vector * scalar', 'limit * 2', 5 * MIN, ['{job="a"} 200']],
    ['scalar arithmetic', '2 ^ 3 + time()', 60_000, ['68']],
    ['comparison keeps the name', 'limit >= 100', 0, ['{__name__="limit", job="a"} 100']],
    ['bool comparison', 'limit > bool 1000', 0, ['{job="a"} 0']],
    [
      'on() with group_left',
      'req_total / on(job) group_left limit',
      5 * MIN,
      ['{code="200", job="a"} 3'],
    ],
    ['and', 'req_total and on(job) limit', 0, ['{__name__="req_total", code="200", job="a"} 0']],
    [
      'unless',
      'req_total unless on(job) limit',
      MIN,
      ['{__name__="req_total", code="500", job="b"} 6'],
    ],
    ['sum by', 'sum by (job) (req_total)', 5 * MIN, ['{job="a"} 300', '{job="b"} 30']],
    ['count_values', 'count_values("v", limit)', 0, ['{v="100"} 1']],
    ['rate drops the name', 'rate(req_total{job="a"}[5m])', 5 * MIN, ['{code="200", job="a"} 1']],
    [
      'rate over a subquery',
      'rate(req_total{job="a"}[2m:1m])',
      5 * MIN,
      ['{code="200", job="a"} 1'],
    ],
    [
      'max_over_time of a subquery with offset',
      'max_over_time(limit[3m:1m] offset 1m)',
      5 * MIN,
      ['{job="a"} 100'],
    ],
    [
      'quantile_over_time',
      'quantile_over_time(0.5, req_total{job="b"}[3m])',
      5 * MIN,
      ['{code="500", job="b"} 24'],
    ],
    ['abs', 'abs(-limit)', 0, ['{job="a"} 100']],
    ['clamp_max', 'clamp_max(limit, 7)', 0, ['{job="a"} 7']],
    ['round to nearest', 'round(req_total{job="b"}, 5)', MIN, ['{code="500", job="b"} 5']],
    ['timestamp of a selector', 'timestamp(limit)', 5 * MIN + 30_000, ['{job="a"} 300']],
    ['vector(time())', 'vector(time())', 2 * MIN, ['{} 120']],
    ['scalar()', 'scalar(limit) + 1', 0, ['101']],
    ['absent of a missing series', 'absent(nope{job="x"})', 0, ['{job="x"} 1']],
    ['absent of a present series', 'absent(limit)', 0, []],
    ['absent_over_time', 'absent_over_time(nope{a="b"}[1m])', 0, ['{a="b"} 1']],
    [
      'label_replace',
      'label_replace(limit, "x", "$1-y", "job", "(.*)")',
      0,
      ['{__name__="limit", job="a", x="a-y"} 100'],
    ],
    [
      'label_join',
      'label_join(limit, "x", ",", "job", "job")',
      0,
      ['{__name__="limit", job="a", x="a,a"} 100'],
    ],
    [
      'label_replace keeps a name rate would drop',
      'label_replace(rate(limit[5m]), "__name__", "r", "", "")',
      5 * MIN,
      ['{__name__="r", job="a"} 0'],
    ],
    ['histogram_quantile', 'histogram_quantile(0.25, lat_bucket)', 5 * MIN, ['{} 0.5']],
    [
      'sort_desc keeps its order',
      'sort_desc(req_total)',
      5 * MIN,
      [
        '{__name__="req_total", code="200", job="a"} 300',
        '{__name__="req_total", code="500", job="b"} 30',
      ],
    ],
    [
      'sort keeps its order',
      'sort(req_total)',
      5 * MIN,
      [
        '{__name__="req_total", code="500", job="b"} 30',
        '{__name__="req_total", code="200", job="a"} 300',
      ],
    ],
    ['topk', 'topk(1, req_total)', MIN, ['{__name__="req_total", code="200", job="a"} 60']],
    ['day_of_month of the evaluation time', 'day_of_month()', 0, ['{} 1']],
    [
      'step() and duration expressions',
      'count_over_time(limit[2m + 1s])',
      5 * MIN,
      ['{job="a"} 3'],
    ],
    ['@ end()', 'limit @ end() - limit @ 0', 3 * MIN, ['{job="a"} 0']],
    [
      'smoothed selector',
      'req_total{job="a"} smoothed',
      90_000,
      ['{__name__="req_total", code="200", job="a"} 90'],
    ],
    ['a matrix from a subquery', 'limit[2m:1m]', 2 * MIN, ['{__name__="limit", job="a"} 100 100']],
  ];
  it.each(cases)('%s: %s', async (_name, query, time, want) => {
    expect(lines(await engine.instantQuery(store(), query, time))).toEqual(want);
  });
});

describe('range evaluation', () => {
  const cases: [string, string, string[]][] = [
    ['rate per step', 'rate(req_total{job="b"}[2m])', ['{code="500", job="b"} 0.1 0.1 0.1']],
    ['sum per step', 'sum(req_total)', ['{} 198 264 330']],
    ['subquery per step', 'sum_over_time(limit[2m:1m])', ['{job="a"} 200 200 200']],
    ['scalar per step', 'time()', ['{} 180 240 300']],
    [
      'topk param per step',
      'topk(scalar(limit) - 99, req_total)',
      ['{__name__="req_total", code="200", job="a"} 180 240 300'],
    ],
    [
      '@ keeps a value constant',
      'req_total{job="b"} @ 60',
      ['{__name__="req_total", code="500", job="b"} 6 6 6'],
    ],
  ];
  it.each(cases)('%s: %s', async (_name, query, want) => {
    const r = await engine.rangeQuery(store(), query, 3 * MIN, 5 * MIN, MIN);
    expect(lines(r)).toEqual(want);
  });

  it('selects each selector once for the whole range', async () => {
    const s = store();
    await engine.rangeQuery(
      s,
      'rate(req_total[5m]) + on(job) group_left limit',
      0,
      5 * MIN,
      10_000,
    );
    expect(s.selects).toBe(2);
  });

  it('aligns subquery steps to multiples of the step', async () => {
    // At 5m30s a [2m:1m] subquery reads the steps at 4m and 5m only.
    const r = await engine.instantQuery(store(), 'count_over_time(limit[2m:1m])', 5 * MIN + 30_000);
    expect(lines(r)).toEqual(['{job="a"} 2']);
  });
});

describe('annotations', () => {
  const cases: [string, string, number, number, string[]][] = [
    [
      'rate of a non-counter',
      'rate(limit[5m])',
      5 * MIN,
      0,
      [
        'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "limit"',
      ],
    ],
    ['a counter', 'rate(req_total[5m])', 5 * MIN, 0, []],
    [
      'quantile out of range',
      'quantile(2, limit)',
      0,
      0,
      ['PromQL warning: quantile value should be between 0 and 1, got 2'],
    ],
    [
      'sort in a range query',
      'sort(limit)',
      0,
      MIN,
      [
        'PromQL warning: sort is ineffective for range queries since results are always ordered by labels',
      ],
    ],
  ];
  it.each(cases)('%s', async (_name, query, start, step, want) => {
    const r = step
      ? await engine.rangeQuery(store(), query, start, start + step, step)
      : await engine.instantQuery(store(), query, start);
    expect(r.warnings).toEqual(want);
  });
});

describe('evaluation errors', () => {
  const cases: [string, string, string, string][] = [
    [
      'duplicate label sets after dropping names',
      '-{__name__=~"limit.*"}',
      'execution',
      'vector cannot contain metrics with the same labelset',
    ],
    [
      'label_replace with a bad regex',
      'label_replace(limit, "x", "", "job", "(")',
      'execution',
      'invalid regular expression in label_replace(): (',
    ],
    ['many-to-one without group_left', 'req_total / on() limit', 'execution', ''],
    [
      'anchored with max_over_time',
      'max_over_time(limit[1m] anchored)',
      'bad_data',
      'anchored modifier can only be used with: changes, delta, increase, rate, resets - not with max_over_time',
    ],
    ['topk with NaN', 'topk(NaN, limit)', 'execution', 'Parameter value is NaN'],
  ];
  it.each(cases)('%s', async (_name, query, code, message) => {
    let err: unknown;
    try {
      await engine.instantQuery(store(), query, 5 * MIN);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).code).toBe(code);
    if (message) expect((err as QueryError).message).toBe(message);
  });

  it('rejects experimental syntax unless parseOptions enable it', async () => {
    await expect(new Engine().instantQuery(store(), 'limit[1m] anchored', 0)).rejects.toThrow(
      QueryError,
    );
  });
});
