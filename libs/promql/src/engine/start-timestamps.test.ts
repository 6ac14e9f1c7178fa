import { describe, expect, it } from '@jest/globals';
import { Labels, compareLabels, matchesAll } from '@promethium/model';
import type { Matcher, Sample, Series } from '@promethium/model';
import type { Querier, Queryable } from '@promethium/storage';
import { ALL_EXPERIMENTAL } from '../parser/options.js';
import { Engine } from './engine.js';
import type { QueryResult } from './result.js';

const MIN = 60_000;

/** An in-memory store over fixed series. */
class Store implements Queryable {
  constructor(private readonly series: Series[]) {}
  querier(): Querier {
    const series = this.series;
    return {
      async *select(matchers: readonly Matcher[]): AsyncIterable<Series> {
        yield* series
          .filter((s) => matchesAll(matchers, s.labels))
          .sort((a, b) => compareLabels(a.labels, b.labels));
      },
    };
  }
}

/** A series sampled every minute from 1m: `[value, start offset from t | undefined]`. */
function minutely(labels: Record<string, string>, values: [number, number?][]): Series {
  const samples: Sample[] = values.map(([v, offset], i) => {
    const t = (i + 1) * MIN;
    return offset === undefined ? { t, v } : { t, v, st: t + offset };
  });
  return { labels: Labels.fromRecord(labels), samples };
}

// A delta counter (each start is the previous sample's time), 60 per minute.
const deltas = minutely({ __name__: 'd_total', kind: 'delta' }, [
  [60, -MIN],
  [60, -MIN],
  [60, -MIN],
  [60, -MIN],
]);
// A cumulative counter whose start timestamps overlap the previous samples.
const overlapping = minutely({ __name__: 'o_total', kind: 'overlap' }, [
  [60, -2 * MIN],
  [120, -2 * MIN],
  [180, -2 * MIN],
]);
// A gauge without start timestamps.
const plain = minutely({ __name__: 'g' }, [[1], [2], [3]]);

const store = new Store([deltas, overlapping, plain]);
const withStarts = new Engine({ parseOptions: ALL_EXPERIMENTAL, useStartTimestamps: true });
const withoutStarts = new Engine({ parseOptions: ALL_EXPERIMENTAL });

/** An instant result as `labels value` lines. */
function lines(r: QueryResult): string[] {
  if (r.kind !== 'vector') throw new Error(`expected a vector, got ${r.kind}`);
  return r.series.map((s) => `${s.labels.toString()} ${s.v}`);
}

const instant = (engine: Engine, expr: string, t = 4 * MIN): Promise<QueryResult> =>
  engine.instantQuery(store, expr, t);

describe('start timestamps in the engine', () => {
  it('are off by default, as in Prometheus', async () => {
    expect(lines(await instant(withoutStarts, 'increase(d_total[3m])'))).toEqual([
      '{kind="delta"} 0',
    ]);
    expect(lines(await instant(withoutStarts, 'start_timestamp(d_total)'))).toEqual([]);
  });

  it('turn each delta sample into a reset for rate, increase, irate and resets', async () => {
    const cases: [string, string][] = [
      ['increase(d_total[3m])', '{kind="delta"} 180'],
      ['rate(d_total[3m])', '{kind="delta"} 1'],
      ['irate(d_total[3m])', '{kind="delta"} 1'],
      ['resets(d_total[3m])', '{kind="delta"} 2'],
      // delta and idelta never see start timestamps.
      ['delta(d_total[3m])', '{kind="delta"} 0'],
      ['idelta(d_total[3m])', '{kind="delta"} 0'],
    ];
    for (const [expr, want] of cases) {
      expect([expr, lines(await instant(withStarts, expr))]).toEqual([expr, [want]]);
    }
  });

  it('are cut by subqueries', async () => {
    expect(lines(await instant(withStarts, 'increase(d_total[3m:1m])'))).toEqual([
      '{kind="delta"} 0',
    ]);
  });

  it('warn about overlapping starts, naming the metric, for rate and increase only', async () => {
    const warning =
      'PromQL warning: sample has start time that overlaps with previous sample timestamp for metric "o_total"';
    for (const expr of ['rate({kind=~".+"}[3m])', 'increase(o_total[3m])']) {
      expect([expr, (await instant(withStarts, expr)).warnings]).toEqual([expr, [warning]]);
    }
    for (const expr of ['irate(o_total[3m])', 'resets(o_total[3m])', 'rate(o_total[3m:1m])']) {
      expect([expr, (await instant(withStarts, expr)).warnings]).toEqual([expr, []]);
    }
    expect((await instant(withoutStarts, 'rate(o_total[3m])')).warnings).toEqual([]);
  });

  it('are what start_timestamp() returns for a selector, in seconds, 0 when unknown', async () => {
    const r = await withStarts.rangeQuery(
      store,
      'start_timestamp(({__name__=~".+"}))',
      0,
      8 * MIN,
      2 * MIN,
    );
    if (r.kind !== 'matrix') throw new Error(`expected a matrix, got ${r.kind}`);
    // Name dropped; the newest sample within the lookback counts, as for timestamp().
    const got = r.series.map(
      (s) => `${s.labels.toString()} ${s.samples.map((p) => `${p.t / MIN}m=${p.v}`).join(' ')}`,
    );
    expect(got).toEqual([
      '{} 2m=0 4m=0 6m=0',
      '{kind="delta"} 2m=60 4m=180 6m=180 8m=180',
      '{kind="overlap"} 2m=0 4m=60 6m=60',
    ]);
  });

  it('give start_timestamp() nothing for an expression', async () => {
    expect(lines(await instant(withStarts, 'start_timestamp(d_total * 1)'))).toEqual([]);
  });
});
