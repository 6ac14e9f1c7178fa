import { describe, expect, it } from '@jest/globals';
import { Labels, compareLabels, matchesAll } from '@promethium/model';
import type { Matcher, Series } from '@promethium/model';
import type { Queryable } from '@promethium/storage';
import { ALL_EXPERIMENTAL } from '../parser/options.js';
import { Engine } from './engine.js';

const MIN = 60_000;

const series = (labels: Record<string, string>, values: (number | undefined)[]): Series => ({
  labels: Labels.fromRecord(labels),
  samples: values.flatMap((v, i) => (v === undefined ? [] : [{ t: i * MIN, v }])),
});

const store: Queryable = {
  querier: () => ({
    async *select(matchers: readonly Matcher[]): AsyncIterable<Series> {
      yield* [
        series({ __name__: 'up', instance: 'a', job: 'j' }, [1, 1, 1]),
        series({ __name__: 'up', instance: 'b', job: 'j' }, [1, 1, 1]),
        series({ __name__: 'target_info', instance: 'a', job: 'j', region: 'eu' }, [1, 1]),
        series({ __name__: 'build_info', instance: 'a', job: 'j', version: '2' }, [1, 1, 1]),
      ]
        .filter((s) => matchesAll(matchers, s.labels))
        .sort((x, y) => compareLabels(x.labels, y.labels));
    },
  }),
};

const engine = new Engine({ parseOptions: ALL_EXPERIMENTAL, lookbackDeltaMs: MIN });

describe('info()', () => {
  const cases: [string, number, string[]][] = [
    [
      'info(up)',
      0,
      [
        '{__name__="up", instance="a", job="j", region="eu"}',
        '{__name__="up", instance="b", job="j"}',
      ],
    ],
    // target_info has no sample left at 2m (lookback 1m), so up{instance="a"} stays as it is.
    [
      'info(up)',
      2 * MIN,
      ['{__name__="up", instance="a", job="j"}', '{__name__="up", instance="b", job="j"}'],
    ],
    ['info(up, {region=~".+"})', 0, ['{__name__="up", instance="a", job="j", region="eu"}']],
    [
      'info(up, {__name__="build_info"})',
      0,
      [
        '{__name__="up", instance="a", job="j", version="2"}',
        '{__name__="up", instance="b", job="j"}',
      ],
    ],
    [
      'info(build_info, {__name__=~".+_info"})',
      0,
      ['{__name__="build_info", instance="a", job="j", version="2"}'],
    ],
  ];
  it.each(cases)('%s at %d', async (query, time, want) => {
    const r = await engine.instantQuery(store, query, time);
    expect(r.kind === 'vector' ? r.series.map((s) => s.labels.toString()) : r.kind).toEqual(want);
  });
});
