import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { QueryError } from '../errors.js';
import type { InstantSample } from '../engine/result.js';
import { aggregate } from './aggregate.js';
import type { Aggregation } from './aggregate.js';
import { NO_GROUPING } from './grouping.js';
import type { Grouping } from './grouping.js';

const vec = (...specs: [Record<string, string>, number][]): InstantSample[] =>
  specs.map(([rec, v]) => ({ labels: Labels.fromRecord(rec), t: 0, v }));
const show = (samples: InstantSample[]): string[] => samples.map((s) => `${s.labels} ${s.v}`);
const by = (...labels: string[]): Grouping => ({ without: false, labels });
const without = (...labels: string[]): Grouping => ({ without: true, labels });

const reqs = vec(
  [{ __name__: 'req', job: 'api', inst: '0', env: 'prod' }, 10],
  [{ __name__: 'req', job: 'api', inst: '1', env: 'prod' }, 20],
  [{ __name__: 'req', job: 'api', inst: '0', env: 'dev' }, 30],
  [{ __name__: 'req', job: 'web', inst: '0', env: 'dev' }, 40],
  [{ __name__: 'req', job: 'web', inst: '1', env: 'dev' }, NaN],
);

describe('aggregate: reducing operators', () => {
  it.each<[string, Aggregation, string[]]>([
    ['sum without grouping', { op: 'sum', grouping: NO_GROUPING }, ['{} NaN']],
    [
      'sum by (env), groups in first-seen order',
      { op: 'sum', grouping: by('env') },
      ['{env="prod"} 30', '{env="dev"} NaN'],
    ],
    [
      'by keeps __name__ when named',
      { op: 'max', grouping: by('__name__', 'job') },
      ['{__name__="req", job="api"} 30', '{__name__="req", job="web"} 40'],
    ],
    [
      'without also drops __name__',
      { op: 'count', grouping: without('inst') },
      ['{env="prod", job="api"} 2', '{env="dev", job="api"} 1', '{env="dev", job="web"} 2'],
    ],
    [
      'without () only drops __name__',
      { op: 'group', grouping: without() },
      show(reqs).map((s) => s.replace('__name__="req", ', '').replace(/ [\dNa]+$/, ' 1')),
    ],
    ['by a missing label makes one group', { op: 'min', grouping: by('nope') }, ['{} 10']],
    ['avg by (job)', { op: 'avg', grouping: by('job') }, ['{job="api"} 20', '{job="web"} NaN']],
    [
      'stddev by (env)',
      { op: 'stddev', grouping: by('env') },
      ['{env="prod"} 5', '{env="dev"} NaN'],
    ],
    [
      'quantile by (job)',
      { op: 'quantile', param: 0.5, grouping: by('job') },
      ['{job="api"} 20', '{job="web"} NaN'],
    ],
  ])('%s', (_name, agg, want) => {
    expect(show(aggregate(agg, reqs, 0).samples)).toEqual(want);
  });

  it('stamps the evaluation time and yields nothing for no input', () => {
    expect(aggregate({ op: 'sum', grouping: NO_GROUPING }, reqs, 42).samples[0]?.t).toBe(42);
    expect(aggregate({ op: 'sum', grouping: NO_GROUPING }, [], 42).samples).toEqual([]);
  });
});

describe('aggregate: quantile', () => {
  const data = vec([{ p: 'a' }, 0], [{ p: 'b' }, 1], [{ p: 'c' }, 4], [{ p: 'd' }, NaN]);
  it.each<[number, number, string[]]>([
    [0.9, 3.1000000000000005, []],
    [0.5, 0.5, []],
    [0.1, NaN, []],
    [0, NaN, []],
    [1, 4, []],
    [1.5, Infinity, ['PromQL warning: quantile value should be between 0 and 1, got 1.5']],
    [-2, -Infinity, ['PromQL warning: quantile value should be between 0 and 1, got -2']],
    [NaN, NaN, ['PromQL warning: quantile value should be between 0 and 1, got NaN']],
  ])('quantile(%p) = %p, NaN ranking lowest', (phi, want, warnings) => {
    const got = aggregate({ op: 'quantile', param: phi, grouping: NO_GROUPING }, data, 0);
    expect(got.samples.map((s) => s.v)).toEqual([want]);
    expect(got.warnings).toEqual(warnings);
  });
});

describe('aggregate: topk, bottomk, limitk', () => {
  const values = vec(
    [{ __name__: 'x', i: '1', g: 'a' }, 3],
    [{ __name__: 'x', i: '2', g: 'a' }, NaN],
    [{ __name__: 'x', i: '3', g: 'b' }, 5],
    [{ __name__: 'x', i: '4', g: 'a' }, 7],
    [{ __name__: 'x', i: '5', g: 'b' }, 5],
    [{ __name__: 'x', i: '6', g: 'a' }, 3],
  );
  const ids = (samples: InstantSample[]): string[] => samples.map((s) => s.labels.get('i'));
  it.each<[string, Aggregation, string[]]>([
    [
      'topk keeps labels, best first, ties in Go heap order',
      { op: 'topk', param: 3, grouping: NO_GROUPING },
      ['4', '5', '3'],
    ],
    [
      'topk ranks NaN last',
      { op: 'topk', param: 6, grouping: NO_GROUPING },
      ['4', '5', '3', '1', '6', '2'],
    ],
    [
      'bottomk ranks NaN last',
      { op: 'bottomk', param: 6, grouping: NO_GROUPING },
      ['1', '6', '3', '5', '4', '2'],
    ],
    [
      'bottomk by (g), groups in first-seen order',
      { op: 'bottomk', param: 1, grouping: by('g') },
      ['1', '3'],
    ],
    ['topk truncates k towards zero', { op: 'topk', param: 1.9, grouping: by('g') }, ['4', '3']],
    [
      'topk with k above the input size',
      { op: 'topk', param: 1e10, grouping: NO_GROUPING },
      ['4', '5', '3', '1', '6', '2'],
    ],
    ['k below 1 selects nothing', { op: 'topk', param: 0.5, grouping: NO_GROUPING }, []],
    [
      'limitk takes the first k of each group',
      { op: 'limitk', param: 2, grouping: by('g') },
      ['2', '1', '3', '5'],
    ],
    ['limitk with a negative k is empty', { op: 'limitk', param: -1, grouping: NO_GROUPING }, []],
  ])('%s', (_name, agg, want) => {
    expect(ids(aggregate(agg, values, 0).samples)).toEqual(want);
  });

  it("sorts results longer than Go's insertion-sort limit", () => {
    const wide = vec(
      ...Array.from({ length: 15 }, (_, i): [Record<string, string>, number] => [
        { i: String(i) },
        (i * 7) % 15,
      ]),
    );
    const got = aggregate({ op: 'bottomk', param: 20, grouping: NO_GROUPING }, wide, 0);
    expect(got.samples.map((s) => s.v)).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it('keeps the input labels and values', () => {
    expect(
      show(aggregate({ op: 'topk', param: 1, grouping: NO_GROUPING }, values, 0).samples),
    ).toEqual(['{__name__="x", g="a", i="4"} 7']);
  });
});

describe('aggregate: limit_ratio', () => {
  const many = vec(
    ...Array.from({ length: 40 }, (_, i): [Record<string, string>, number] => [
      { __name__: 'm', i: String(i) },
      i,
    ]),
  );
  const pick = (ratio: number): Set<string> =>
    new Set(
      aggregate({ op: 'limit_ratio', param: ratio, grouping: NO_GROUPING }, many, 0).samples.map(
        (s) => s.labels.key(),
      ),
    );

  it.each([0.1, 0.25, 0.5, 0.8])('r=%p and -(1-r) pick complementary series', (r) => {
    const a = pick(r);
    const b = pick(-(1 - r));
    expect(a.size + b.size).toBe(many.length);
    for (const key of a) expect(b.has(key)).toBe(false);
  });

  it('is deterministic and monotonic in the ratio', () => {
    expect([...pick(0.3)]).toEqual([...pick(0.3)]);
    for (const key of pick(0.3)) expect(pick(0.6).has(key)).toBe(true);
  });

  it.each<[number, number, string[]]>([
    [1, 40, []],
    [-1, 40, []],
    [0, 0, []],
    [1.1, 40, ['PromQL warning: ratio value should be between -1 and 1, got 1.1, capping to 1']],
    [-1.5, 40, ['PromQL warning: ratio value should be between -1 and 1, got -1.5, capping to -1']],
  ])('limit_ratio(%p) keeps %p series', (ratio, count, warnings) => {
    const got = aggregate({ op: 'limit_ratio', param: ratio, grouping: NO_GROUPING }, many, 0);
    expect(got.samples).toHaveLength(count);
    expect(got.warnings).toEqual(warnings);
  });
});

describe('aggregate: count_values', () => {
  const versions = vec(
    [{ __name__: 'v', job: 'a', i: '0' }, 6],
    [{ __name__: 'v', job: 'a', i: '1' }, 6],
    [{ __name__: 'v', job: 'b', i: '0' }, 1e21],
    [{ __name__: 'v', job: 'b', i: '1' }, -Infinity],
    [{ __name__: 'v', job: 'b', i: '2' }, 0.5],
  );
  it.each<[string, Grouping, string, string[]]>([
    [
      'without grouping',
      NO_GROUPING,
      'ver',
      ['{ver="6"} 2', '{ver="1000000000000000000000"} 1', '{ver="-Inf"} 1', '{ver="0.5"} 1'],
    ],
    [
      'by (job) adds the value label to the grouping',
      by('job'),
      'ver',
      [
        '{job="a", ver="6"} 2',
        '{job="b", ver="1000000000000000000000"} 1',
        '{job="b", ver="-Inf"} 1',
        '{job="b", ver="0.5"} 1',
      ],
    ],
    [
      'without (i) overwriting an input label',
      without('i'),
      'job',
      ['{job="6"} 2', '{job="1000000000000000000000"} 1', '{job="-Inf"} 1', '{job="0.5"} 1'],
    ],
  ])('%s', (_name, grouping, label, want) => {
    expect(
      show(aggregate({ op: 'count_values', param: label, grouping }, versions, 0).samples),
    ).toEqual(want);
  });
});

describe('aggregate: parameter errors', () => {
  const message = (agg: Aggregation): string => {
    try {
      aggregate(agg, [], 0);
    } catch (e) {
      if (e instanceof QueryError && e.code === 'execution') return e.message;
      throw e;
    }
    throw new Error('expected a QueryError');
  };
  it.each<[Aggregation, string]>([
    [{ op: 'topk', param: NaN, grouping: NO_GROUPING }, 'Parameter value is NaN'],
    [{ op: 'bottomk', param: NaN, grouping: NO_GROUPING }, 'Parameter value is NaN'],
    [{ op: 'limitk', param: NaN, grouping: NO_GROUPING }, 'Parameter value is NaN'],
    [{ op: 'limit_ratio', param: NaN, grouping: NO_GROUPING }, 'Ratio value is NaN'],
    [{ op: 'topk', param: 1e19, grouping: NO_GROUPING }, 'Scalar value 1e+19 overflows int64'],
    [{ op: 'count_values', param: '', grouping: NO_GROUPING }, 'invalid label name ""'],
    [
      { op: 'count_values', param: 'a\uD800z', grouping: NO_GROUPING },
      'invalid label name "a\\ud800z"',
    ],
  ])('%j fails with %p, even without input', (agg, want) => {
    expect(message(agg)).toBe(want);
  });
});
