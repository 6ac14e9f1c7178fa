import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { MemPostings } from './mem-postings.js';
import { SymbolTable } from './symbol-table.js';
import { SeededRandom } from './testing/seeded-random.js';

const ls = (record: Record<string, string>): Labels => Labels.fromRecord(record);

function indexOf(...series: [number, Record<string, string>][]): MemPostings {
  const index = new MemPostings();
  for (const [ref, labels] of series) index.add(ref, ls(labels));
  return index;
}

const SMALL: [number, Record<string, string>][] = [
  [0, { __name__: 'up', job: 'api', instance: 'a' }],
  [1, { __name__: 'up', job: 'db', instance: 'b' }],
  [2, { __name__: 'http_requests_total', job: 'api', code: '200' }],
  [3, { __name__: 'http_requests_total', job: 'api', code: '500' }],
];

describe('MemPostings', () => {
  it('indexes each label pair and all series', () => {
    const index = indexOf(...SMALL);
    expect(index.numSeries).toBe(4);
    expect([...index.allPostings()]).toEqual([0, 1, 2, 3]);
    expect([...index.postings('job', 'api')]).toEqual([0, 2, 3]);
    expect([...index.postings('__name__', 'up')]).toEqual([0, 1]);
    expect([...index.postings('job', 'nope')]).toEqual([]);
    expect([...index.postings('nope', 'api')]).toEqual([]);
    expect(index.labelNames()).toEqual(['__name__', 'code', 'instance', 'job']);
    expect(index.labelValues('job')).toEqual(['api', 'db']);
    expect(index.labelValues('nope')).toEqual([]);
  });

  it('hands back label sets of its own pair tuples, shared between series', () => {
    const index = new MemPostings();
    const up = ls({ __name__: 'up', job: 'api' });
    const a = index.add(1, up);
    const b = index.add(2, ls({ __name__: 'up', job: 'db' }));
    expect(a.equals(up)).toBe(true);
    expect(a).not.toBe(up);
    expect([...a][0]).toBe([...b][0]);
    expect([...a][1]).not.toBe([...b][1]);
    expect(index.add(3, ls({ job: 'api' }))).toEqual(Labels.fromPairs([[...a][1]!]));
    expect([...index.add(3, ls({ job: 'api' }))][0]).toBe([...a][1]);
  });

  it('keeps values sorted as new ones arrive between reads', () => {
    const index = indexOf([0, { l: 'm' }], [1, { l: 'c' }]);
    expect(index.labelValues('l')).toEqual(['c', 'm']);
    index.add(2, ls({ l: 'x' }));
    index.add(3, ls({ l: 'a' }));
    index.add(4, ls({ l: 'c' }));
    expect(index.labelValues('l')).toEqual(['a', 'c', 'm', 'x']);
  });

  it('keeps refs sorted when series arrive out of order, and ignores a repeated add', () => {
    const index = indexOf(
      [9, { job: 'a' }],
      [2, { job: 'a' }],
      [5, { job: 'a' }],
      [2, { job: 'a' }],
    );
    expect([...index.postings('job', 'a')]).toEqual([2, 5, 9]);
    expect([...index.allPostings()]).toEqual([2, 5, 9]);
  });

  it.each([-1, 1.5, 2 ** 32, Number.NaN])('refuses series ref %p', (ref) => {
    expect(() => new MemPostings().add(ref, ls({ a: 'b' }))).toThrow(
      `series ref must be an integer in [0, 4294967295], got ${ref}`,
    );
  });

  it('deletes series, dropping the pairs, names and symbols they alone used', () => {
    const index = indexOf(...SMALL);
    expect(index.labelValues('code')).toEqual(['200', '500']);
    index.delete(new Set([1, 3]));
    expect(index.numSeries).toBe(2);
    expect([...index.allPostings()]).toEqual([0, 2]);
    expect([...index.postings('job', 'api')]).toEqual([0, 2]);
    expect([...index.postings('job', 'db')]).toEqual([]);
    expect(index.labelValues('job')).toEqual(['api']);
    expect(index.labelValues('code')).toEqual(['200']);
    expect(index.symbols.symbols()).toEqual(
      [
        '200',
        '__name__',
        'a',
        'api',
        'code',
        'http_requests_total',
        'instance',
        'job',
        'up',
      ].sort(),
    );
    index.delete(new Set([0, 2]));
    expect(index.labelNames()).toEqual([]);
    expect(index.symbols.size).toBe(0);
  });

  it('takes a value back after its series were deleted', () => {
    const index = indexOf([0, { l: 'b' }], [1, { l: 'a' }]);
    expect(index.labelValues('l')).toEqual(['a', 'b']);
    index.delete(new Set([1]));
    index.add(2, ls({ l: 'a' }));
    expect(index.labelValues('l')).toEqual(['a', 'b']);
    expect([...index.postings('l', 'a')]).toEqual([2]);
  });

  it('holds one symbol reference per label pair in a shared table', () => {
    const symbols = new SymbolTable();
    const index = new MemPostings(symbols);
    index.add(0, ls({ job: 'api', env: 'api' }));
    index.add(1, ls({ job: 'api' }));
    expect(symbols.refs('job')).toBe(1);
    expect(symbols.refs('api')).toBe(2);
    expect(symbols.refs('env')).toBe(1);
  });

  it('counts series per label pair', () => {
    const pairs = indexOf(...SMALL).labelPairCounts();
    expect(pairs).toHaveLength(8);
    expect(pairs).toEqual(
      expect.arrayContaining([
        { name: 'job', value: 'api', series: 3 },
        { name: '__name__', value: 'up', series: 2 },
        { name: 'code', value: '500', series: 1 },
      ]),
    );
  });
});

describe('MemPostings.stats', () => {
  it('reports the status API lists, largest first and ties by name', () => {
    expect(indexOf(...SMALL).stats(2)).toEqual({
      numSeries: 4,
      numLabelPairs: 8,
      seriesCountByMetricName: [
        { name: 'http_requests_total', value: 2 },
        { name: 'up', value: 2 },
      ],
      labelValueCountByLabelName: [
        { name: '__name__', value: 2 },
        { name: 'code', value: 2 },
      ],
      memoryInBytesByLabelName: [
        { name: '__name__', value: 2 * 'http_requests_total'.length + 2 * 'up'.length },
        { name: 'job', value: 3 * 'api'.length + 'db'.length },
      ],
      seriesCountByLabelValuePair: [
        { name: 'job=api', value: 3 },
        { name: '__name__=http_requests_total', value: 2 },
      ],
    });
  });

  it('counts UTF-8 bytes', () => {
    const stats = indexOf([0, { l: 'é' }], [1, { l: 'é' }]).stats(1);
    expect(stats.memoryInBytesByLabelName).toEqual([{ name: 'l', value: 4 }]);
  });

  it('agrees with counting every series, on a random index', () => {
    const random = new SeededRandom(5);
    const index = new MemPostings();
    const series: Labels[] = [];
    for (let ref = 0; ref < 500; ref++) {
      const labels = ls({
        __name__: `m${random.int(30)}`,
        a: `v${random.int(50)}`,
        ...(random.next() < 0.5 ? { b: `w${random.int(7)}` } : {}),
      });
      series.push(labels);
      index.add(ref, labels);
    }
    const pairCounts = new Map<string, number>();
    for (const labels of series) {
      for (const [n, v] of labels)
        pairCounts.set(`${n}=${v}`, (pairCounts.get(`${n}=${v}`) ?? 0) + 1);
    }
    const top = (entries: [string, number][], limit: number) =>
      entries
        .sort(([an, av], [bn, bv]) => bv - av || (an < bn ? -1 : an > bn ? 1 : 0))
        .slice(0, limit)
        .map(([name, value]) => ({ name, value }));
    const metrics = [...pairCounts].filter(([k]) => k.startsWith('__name__='));
    const stats = index.stats(10);
    expect(stats.numLabelPairs).toBe(pairCounts.size);
    expect(stats.seriesCountByLabelValuePair).toEqual(top([...pairCounts], 10));
    expect(stats.seriesCountByMetricName).toEqual(
      top(
        metrics.map(([k, v]) => [k.slice('__name__='.length), v]),
        10,
      ),
    );
  });

  it.each([0, -1, 2.5])('refuses limit %p', (limit) => {
    expect(() => new MemPostings().stats(limit)).toThrow(
      `stats limit must be a positive integer, got ${limit}`,
    );
  });
});
