import { describe, expect, it } from '@jest/globals';
import { Labels, Matcher } from '@promethium/model';
import type { Series } from '@promethium/model';
import type { Queryable } from '@promethium/storage';
import { parseScript } from '../script/parse.js';
import type { LoadCommand } from '../script/types.js';
import { applyLoad } from './load.js';
import { MemoryStorage } from './memory.js';

async function select(
  q: Queryable,
  mint: number,
  maxt: number,
  ...matchers: Matcher[]
): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of q.querier(mint, maxt).select(matchers)) out.push(s);
  return out;
}

const all = new Matcher('=~', '__name__', '.*');

function load(storage: MemoryStorage, script: string): void {
  for (const cmd of parseScript(script).commands) applyLoad(storage, cmd as LoadCommand);
}

describe('MemoryStorage', () => {
  it('yields matching series sorted by labels with only the samples in [mint, maxt]', async () => {
    const storage = new MemoryStorage();
    load(storage, 'load 10s\n  b{x="1"} 1 2 3 4\n  a 0 stale _ 5\n  c 9');
    const got = await select(storage, 10_000, 30_000, all);
    expect(got.map((s) => [s.labels.toString(), s.samples])).toEqual([
      [
        '{__name__="a"}',
        [
          { t: 10_000, v: NaN, stale: true },
          { t: 30_000, v: 5 },
        ],
      ],
      [
        '{__name__="b", x="1"}',
        [
          { t: 10_000, v: 2 },
          { t: 20_000, v: 3 },
          { t: 30_000, v: 4 },
        ],
      ],
    ]);
    expect(await select(storage, 0, 0, new Matcher('=', 'x', '1'))).toHaveLength(1);
    expect(await select(storage, 40_000, 90_000, all)).toEqual([]);
  });

  it('adds later loads to stored series, replacing samples at equal times, until cleared', async () => {
    const storage = new MemoryStorage();
    load(storage, 'load 1m\n  m 1 2\n\nload 30s\n  m _ 7 8 9');
    expect((await select(storage, 0, 120_000, all))[0]!.samples.map((s) => [s.t, s.v])).toEqual([
      [0, 1],
      [30_000, 7],
      [60_000, 8],
      [90_000, 9],
    ]);
    storage.clear();
    expect(await select(storage, 0, 120_000, all)).toEqual([]);
  });

  it('keeps the last definition when one load names a series twice', async () => {
    const storage = new MemoryStorage();
    load(storage, 'load 1m\n  m 1 2 3\n  m 5');
    expect((await select(storage, 0, 1e6, all))[0]!.samples).toEqual([{ t: 0, v: 5 }]);
  });

  it('stores @st offsets as start timestamps at t + offset, none for _', async () => {
    const storage = new MemoryStorage();
    load(storage, 'load 1m\n  m@st -30s _ 0 -1m\n  m 1 2 3 stale\n  n 4');
    const got = await select(storage, 0, 1e6, all);
    expect(got.map((s) => s.samples)).toEqual([
      [
        { t: 0, v: 1, st: -30_000 },
        { t: 60_000, v: 2 },
        { t: 120_000, v: 3, st: 120_000 },
        { t: 180_000, v: NaN, stale: true, st: 120_000 },
      ],
      [{ t: 0, v: 4 }],
    ]);
  });

  it('counts reads of series holding histogram samples in the range', async () => {
    const storage = new MemoryStorage();
    load(storage, 'load 1m\n  h {{count:1}} 2\n  f 1');
    expect(storage.takeHistogramReads()).toBe(0);
    // The float part of a mixed series is still readable.
    expect(
      (await select(storage, 0, 60_000, new Matcher('=', '__name__', 'h')))[0]!.samples,
    ).toEqual([{ t: 60_000, v: 2 }]);
    expect(storage.takeHistogramReads()).toBe(1);
    expect(storage.takeHistogramReads()).toBe(0);
    await select(storage, 60_000, 120_000, all);
    await select(storage, 0, 60_000, new Matcher('=', '__name__', 'f'));
    expect(storage.takeHistogramReads()).toBe(0);
  });

  it('tells whether matching series hold histogram samples at any time', () => {
    const storage = new MemoryStorage();
    load(storage, 'load 1m\n  h{a="1"} 1 {{count:1}}\n  h{a="2"} 1\n  f 1');
    const cases: [Matcher[], boolean][] = [
      [[new Matcher('=', '__name__', 'h')], true],
      [[new Matcher('=', '__name__', 'h'), new Matcher('=', 'a', '2')], false],
      [[new Matcher('=', '__name__', 'f')], false],
      [[new Matcher('=~', '__name__', '.+')], true],
      [[new Matcher('=', '__name__', 'absent')], false],
    ];
    for (const [matchers, holds] of cases) expect(storage.holdsHistograms(matchers)).toBe(holds);
  });

  it('stores classic histograms and their NHCB series under load_with_nhcb', async () => {
    const storage = new MemoryStorage();
    load(
      storage,
      [
        'load_with_nhcb 1m',
        '  rq_bucket{le="1", job="a"} 1 2',
        '  rq_bucket{le="+Inf", job="a"} 3 _',
        '  rq_bucket{le="bad", job="a"} 3 4 5',
        '  rq_count{job="a"} 3 _',
        '  other 1',
      ].join('\n'),
    );
    const names = (await select(storage, 0, 1e6, all)).map((s) => s.labels.toString());
    expect(names).toEqual([
      '{__name__="other"}',
      '{__name__="rq_bucket", job="a", le="+Inf"}',
      '{__name__="rq_bucket", job="a", le="1"}',
      '{__name__="rq_bucket", job="a", le="bad"}',
      '{__name__="rq_count", job="a"}',
    ]);
    storage.takeHistogramReads();
    const nhcb = Labels.fromRecord({ __name__: 'rq', job: 'a' });
    expect(await select(storage, 0, 1e6, new Matcher('=', '__name__', 'rq'))).toEqual([]);
    expect(storage.takeHistogramReads()).toBe(1);
    // Only at 2m (no float sample from any valid member) is there no histogram.
    expect(
      await select(storage, 120_000, 120_000, new Matcher('=', '__name__', nhcb.name)),
    ).toEqual([]);
    expect(storage.takeHistogramReads()).toBe(0);
  });
});
