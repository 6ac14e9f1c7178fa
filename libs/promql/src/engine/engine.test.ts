import { describe, expect, it } from '@jest/globals';
import { Labels, compareLabels, matchesAll, staleMarker } from '@promethium/model';
import type { Matcher, Sample, Series } from '@promethium/model';
import type { Querier, Queryable } from '@promethium/storage';
import { QueryError } from '../errors.js';
import { Engine } from './engine.js';
import type { QueryResult } from './result.js';

/**
 * An in-memory store honouring the Querier contract; it records every window asked
 * for. With `clip` false it returns samples outside the window too, as a sloppy store might.
 */
class MemoryQueryable implements Queryable {
  readonly windows: [number, number][] = [];
  constructor(
    private readonly series: Series[],
    private readonly clip = true,
  ) {}

  querier(mint: number, maxt: number): Querier {
    this.windows.push([mint, maxt]);
    const all = this.series;
    const keep = (t: number): boolean => !this.clip || (t >= mint && t <= maxt);
    return {
      async *select(matchers: readonly Matcher[]): AsyncIterable<Series> {
        const hits = all
          .filter((s) => matchesAll(matchers, s.labels))
          .map((s) => ({ labels: s.labels, samples: s.samples.filter((x) => keep(x.t)) }))
          .filter((s) => s.samples.length > 0)
          .sort((a, b) => compareLabels(a.labels, b.labels));
        yield* hits;
      },
    };
  }
}

const series = (labels: Record<string, string>, samples: Sample[]): Series => ({
  labels: Labels.fromRecord(labels),
  samples,
});
const at = (t: number, v: number): Sample => ({ t, v });
const SEC = 1000;
const MIN = 60 * SEC;

/** Result series as plain [labels, payload] pairs for comparison. */
function plain(r: QueryResult): unknown {
  switch (r.kind) {
    case 'vector':
      return r.series.map((s) => [s.labels.toString(), s.t, s.v]);
    case 'matrix':
      return r.series.map((s) => [s.labels.toString(), s.samples.map((p) => [p.t, p.v])]);
    default:
      return [r.t, r.v];
  }
}

async function failure(p: Promise<unknown>): Promise<QueryError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof QueryError) return err;
    throw err;
  }
  throw new Error('query succeeded');
}

const store = (): MemoryQueryable =>
  new MemoryQueryable([
    series({ __name__: 'up', job: 'b' }, [at(0, 1), at(60 * SEC, 2), at(120 * SEC, 3)]),
    series({ __name__: 'up', job: 'a' }, [at(0, 10), at(60 * SEC, 20), staleMarker(90 * SEC)]),
    series({ __name__: 'other', job: 'a' }, [at(0, 7)]),
  ]);

describe('Engine.instantQuery', () => {
  const engine = new Engine();
  const cases: [string, number, unknown][] = [
    [
      'up',
      60 * SEC,
      [
        ['{__name__="up", job="a"}', 60 * SEC, 20],
        ['{__name__="up", job="b"}', 60 * SEC, 2],
      ],
    ],
    // Staleness: job a's newest sample at 100s is a marker, so it has no value.
    ['up', 100 * SEC, [['{__name__="up", job="b"}', 100 * SEC, 2]]],
    // Lookback is (t - 5m, t]: a sample exactly 5m old is out, 1ms younger is in.
    ['up{job="b"}', 120 * SEC + 5 * MIN, []],
    [
      'up{job="b"}',
      120 * SEC + 5 * MIN - 1,
      [['{__name__="up", job="b"}', 120 * SEC + 5 * MIN - 1, 3]],
    ],
    ['up{job="b"}', 59_999, [['{__name__="up", job="b"}', 59_999, 1]]],
    ['up{job="b"} offset 1m', 120 * SEC, [['{__name__="up", job="b"}', 120 * SEC, 2]]],
    ['up{job="b"} offset -1m', 60 * SEC, [['{__name__="up", job="b"}', 60 * SEC, 3]]],
    ['up{job="b"} @ 61', 1_000_000 * SEC, [['{__name__="up", job="b"}', 1_000_000 * SEC, 2]]],
    ['up{job="b"} @ 121 offset 1m', 0, [['{__name__="up", job="b"}', 0, 2]]],
    ['up{job="b"} @ end()', 60 * SEC, [['{__name__="up", job="b"}', 60 * SEC, 2]]],
    [
      '{job="a"}',
      30 * SEC,
      [
        ['{__name__="other", job="a"}', 30 * SEC, 7],
        ['{__name__="up", job="a"}', 30 * SEC, 10],
      ],
    ],
    ['{__name__=~"up|other", job="a"}', 120 * SEC, [['{__name__="other", job="a"}', 120 * SEC, 7]]],
    ['(up{job="b"})', 0, [['{__name__="up", job="b"}', 0, 1]]],
    ['nothing_here', 0, []],
    // Range selectors: (t - range, t], markers dropped, samples keep their own times.
    ['up[1m]', 120 * SEC, [['{__name__="up", job="b"}', [[120 * SEC, 3]]]]],
    [
      'up[1m]',
      60 * SEC,
      [
        ['{__name__="up", job="a"}', [[60 * SEC, 20]]],
        ['{__name__="up", job="b"}', [[60 * SEC, 2]]],
      ],
    ],
    [
      'up{job="b"}[2m] offset 1m',
      180 * SEC,
      [
        [
          '{__name__="up", job="b"}',
          [
            [60 * SEC, 2],
            [120 * SEC, 3],
          ],
        ],
      ],
    ],
    ['up{job="b"}[1m] @ 60.001', 0, [['{__name__="up", job="b"}', [[60 * SEC, 2]]]]],
    ['up{job="a"}[2m]', 120 * SEC, [['{__name__="up", job="a"}', [[60 * SEC, 20]]]]],
    ['42', 5000, [5000, 42]],
    ['-1.5e3', 5000, [5000, -1500]],
    ['"hello"', 5000, [5000, 'hello']],
  ];
  it.each(cases)('%s at %d', async (query, time, want) => {
    expect(plain(await engine.instantQuery(store(), query, time))).toEqual(want);
  });

  it('returns kinds and empty warnings', async () => {
    const q = store();
    expect((await engine.instantQuery(q, 'up', 0)).kind).toBe('vector');
    expect((await engine.instantQuery(q, 'up[5m]', 0)).kind).toBe('matrix');
    expect((await engine.instantQuery(q, '1', 0)).kind).toBe('scalar');
    const s = await engine.instantQuery(q, '"x"', 0);
    expect([s.kind, s.warnings]).toEqual(['string', []]);
  });

  it('asks storage for the lookback window once, moved by offset and @', async () => {
    const q = store();
    await engine.instantQuery(q, 'up offset 1m', 10 * MIN);
    await engine.instantQuery(q, 'up[2m] @ 100', 0);
    await engine.instantQuery(q, '1', 0);
    expect(q.windows).toEqual([
      [10 * MIN - MIN - 5 * MIN + 1, 9 * MIN],
      [100 * SEC - 2 * MIN + 1, 100 * SEC],
    ]);
  });

  it('applies the window boundaries itself when storage returns more', async () => {
    const samples = [at(0, 1), at(MIN, 2), at(10 * MIN, 3)];
    const sloppy = new MemoryQueryable([series({ __name__: 'm' }, samples)], false);
    expect(plain(await engine.instantQuery(sloppy, 'm', 6 * MIN))).toEqual([]);
    expect(plain(await engine.instantQuery(sloppy, 'm', 6 * MIN - 1))).toEqual([
      ['{__name__="m"}', 6 * MIN - 1, 2],
    ]);
    expect(plain(await engine.instantQuery(sloppy, 'm[1m]', MIN))).toEqual([
      ['{__name__="m"}', [[MIN, 2]]],
    ]);
  });

  it('honours a custom lookback delta', async () => {
    const short = new Engine({ lookbackDeltaMs: 10 * SEC });
    expect(plain(await short.instantQuery(store(), 'up{job="b"}', 75 * SEC))).toEqual([]);
    expect(plain(await short.instantQuery(store(), 'up{job="b"}', 65 * SEC))).toHaveLength(1);
  });
});

describe('Engine.rangeQuery', () => {
  const engine = new Engine();
  it('evaluates a selector at every step', async () => {
    const r = await engine.rangeQuery(store(), 'up', 0, 150 * SEC, 30 * SEC);
    expect(r.kind).toBe('matrix');
    expect(plain(r)).toEqual([
      [
        '{__name__="up", job="a"}',
        [
          [0, 10],
          [30 * SEC, 10],
          [60 * SEC, 20],
        ],
      ],
      [
        '{__name__="up", job="b"}',
        [
          [0, 1],
          [30 * SEC, 1],
          [60 * SEC, 2],
          [90 * SEC, 2],
          [120 * SEC, 3],
          [150 * SEC, 3],
        ],
      ],
    ]);
  });

  it('keeps an @ selector constant and drops series without points', async () => {
    const r = await engine.rangeQuery(store(), 'up @ 60', 0, 60 * SEC, 60 * SEC);
    expect(plain(r)).toEqual([
      [
        '{__name__="up", job="a"}',
        [
          [0, 20],
          [60 * SEC, 20],
        ],
      ],
      [
        '{__name__="up", job="b"}',
        [
          [0, 2],
          [60 * SEC, 2],
        ],
      ],
    ]);
    expect(plain(await engine.rangeQuery(store(), 'up', 20 * MIN, 30 * MIN, MIN))).toEqual([]);
  });

  it('turns a scalar into one unlabelled series and stops at the last whole step', async () => {
    const r = await engine.rangeQuery(store(), '(2)', 1000, 3500, 1000);
    expect(plain(r)).toEqual([
      [
        '{}',
        [
          [1000, 2],
          [2000, 2],
          [3000, 2],
        ],
      ],
    ]);
  });

  it('fetches [start - lookback + 1, end] minus the offset', async () => {
    const q = store();
    await engine.rangeQuery(q, 'up offset 1m', 10 * MIN, 20 * MIN, MIN);
    expect(q.windows).toEqual([[4 * MIN + 1, 19 * MIN]]);
  });
});

describe('Engine errors', () => {
  const engine = new Engine();
  const cases: [string, () => Promise<unknown>, string, string][] = [
    [
      'parse',
      () => engine.instantQuery(store(), 'up{', 0),
      'bad_data',
      '1:4: parse error: unexpected end of input inside braces',
    ],
    [
      'empty',
      () => engine.instantQuery(store(), '', 0),
      'bad_data',
      'unknown position: parse error: no expression found in input',
    ],
    [
      'range vector in range query',
      () => engine.rangeQuery(store(), 'up[5m]', 0, 1, 1),
      'bad_data',
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    ],
    [
      'string in range query',
      () => engine.rangeQuery(store(), '"s"', 0, 1, 1),
      'bad_data',
      'invalid expression type "string" for range query, must be Scalar or instant Vector',
    ],
    [
      'end before start',
      () => engine.rangeQuery(store(), 'up', 10, 5, 1),
      'bad_data',
      'end timestamp must not be before start time',
    ],
    [
      'zero step',
      () => engine.rangeQuery(store(), 'up', 0, 5, 0),
      'bad_data',
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    ],
    [
      'fractional time',
      () => engine.instantQuery(store(), 'up', 1.5),
      'bad_data',
      'time must be an integer number of milliseconds, got 1.5',
    ],
  ];
  it.each(cases)('%s', async (_name, run, code, message) => {
    const err = await failure(run());
    expect([err.code, err.message]).toEqual([code, message]);
  });

  it('refuses to hold more than maxSamples samples', async () => {
    const small = new Engine({ maxSamples: 5 });
    const tooMany = 'query processing would load too many samples into memory in query execution';
    const vector = await failure(small.rangeQuery(store(), 'up', 0, 120 * SEC, 30 * SEC));
    expect([vector.code, vector.message]).toEqual(['execution', tooMany]);
    const scalar = await failure(small.rangeQuery(store(), '1', 0, 5, 1));
    expect(scalar.code).toBe('execution');
    expect(plain(await small.rangeQuery(store(), '1', 0, 4, 1))).toHaveLength(1);
  });

  it('reports a storage failure as internal', async () => {
    const broken: Queryable = {
      querier: () => ({
        // eslint-disable-next-line require-yield
        async *select(): AsyncIterable<Series> {
          throw new Error('disk on fire');
        },
      }),
    };
    const err = await failure(engine.instantQuery(broken, 'up', 0));
    expect([err.code, err.message]).toEqual(['internal', 'disk on fire']);
  });

  const hanging: Queryable = {
    querier: () => ({
      select: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}) }),
      }),
    }),
  };

  it('times out while storage hangs', async () => {
    const err = await failure(new Engine({ timeoutMs: 20 }).instantQuery(hanging, 'up', 0));
    expect([err.code, err.message]).toEqual([
      'timeout',
      'query timed out in expression evaluation',
    ]);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = failure(engine.instantQuery(hanging, 'up', 0, controller.signal));
    controller.abort();
    const err = await pending;
    expect([err.code, err.message]).toEqual([
      'canceled',
      'query was canceled in expression evaluation',
    ]);
  });

  it('treats a caller signal that timed out as a timeout', async () => {
    const signal = AbortSignal.abort(new DOMException('deadline', 'TimeoutError'));
    const err = await failure(engine.instantQuery(store(), 'up', 0, signal));
    expect(err.code).toBe('timeout');
  });

  it('rejects limits that are not positive', () => {
    expect(() => new Engine({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => new Engine({ maxSamples: -1 })).toThrow(
      'maxSamples must be a positive number, got -1',
    );
  });
});
