import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { LabeledSample, Sample, Series } from '@promethium/model';
import { RefSamples } from '../wal/index.js';
import { InvalidSampleError } from '../errors.js';
import { Head } from './head.js';
import type { SeriesListener } from './head.js';
import type { MemSeries } from './mem-series.js';

const up = Labels.fromRecord({ __name__: 'up', job: 'a' });
const down = Labels.fromRecord({ __name__: 'up', job: 'b' });

function newHead(outOfOrderWindowMs = 0) {
  const events: string[] = [];
  const listener: SeriesListener = {
    added: (s) => {
      events.push(`+${s.ref}`);
      return s.labels;
    },
    removed: (list) => events.push(...list.map((s) => `-${s.ref}`)),
  };
  return { head: new Head({ outOfOrderWindowMs, listener }), events };
}

/** The batch as appendBatch receives it: each series' samples in turn. */
function write(head: Head, batch: Series[]) {
  const samples: LabeledSample[] = batch.flatMap((s) =>
    s.samples.map((x) => ({ ...x, labels: s.labels })),
  );
  const prepared = head.prepare(samples);
  head.commit(prepared);
  return prepared;
}

function logged(samples: RefSamples): (Sample & { ref: number })[] {
  return Array.from({ length: samples.length }, (_, i) =>
    samples.isStale(i)
      ? { ref: samples.ref(i), t: samples.t(i), v: Number.NaN, stale: true }
      : { ref: samples.ref(i), t: samples.t(i), v: samples.v(i) },
  );
}

function samplesOf(series: MemSeries): Sample[] {
  const out: Sample[] = [];
  for (const chunk of [...series.cut, ...(series.open ? [series.open] : [])]) {
    const it = chunk.iterator();
    while (it.next())
      out.push(it.isStale ? { t: it.t, v: Number.NaN, stale: true } : { t: it.t, v: it.v });
  }
  return [...out, ...series.ooo].sort((a, b) => a.t - b.t);
}

describe('Head', () => {
  it('creates series with increasing refs and stores their samples in order', () => {
    const { head, events } = newHead();
    const prepared = write(head, [
      {
        labels: up,
        samples: [
          { t: 1, v: 1 },
          { t: 2, v: 2 },
        ],
      },
      { labels: down, samples: [{ t: 1, v: Number.NaN, stale: true }] },
    ]);
    expect(prepared.result).toMatchObject({ appended: 3, same: 0, outOfOrder: 0 });
    expect(prepared.record.series.map((s) => [s.ref, s.labels.key()])).toEqual([
      [1, up.key()],
      [2, down.key()],
    ]);
    expect(logged(prepared.record.samples)).toEqual([
      { ref: 1, t: 1, v: 1 },
      { ref: 1, t: 2, v: 2 },
      { ref: 2, t: 1, v: Number.NaN, stale: true },
    ]);
    expect(events).toEqual(['+1', '+2']);
    expect(samplesOf(head.seriesByLabels(up)!)).toEqual([
      { t: 1, v: 1 },
      { t: 2, v: 2 },
    ]);
    expect(samplesOf(head.series(2)!)).toEqual([{ t: 1, v: Number.NaN, stale: true }]);
    expect(head.maxTime).toBe(2);
  });

  it('changes nothing before commit', () => {
    const { head, events } = newHead();
    head.prepare([{ labels: up, t: 1, v: 1 }]);
    expect(head.size).toBe(0);
    expect(events).toEqual([]);
  });

  it('treats an equal sample at the newest time as a no-op and a different one as a duplicate', () => {
    const { head } = newHead();
    write(head, [{ labels: up, samples: [{ t: 10, v: 1 }] }]);
    const again = write(head, [
      {
        labels: up,
        samples: [
          { t: 10, v: 1 },
          { t: 10, v: 2 },
          { t: 10, v: -0 },
        ],
      },
    ]);
    expect(again.result).toMatchObject({ appended: 0, same: 1 });
    expect(again.result.rejected).toEqual({ out_of_order: 0, duplicate_sample: 2, too_old: 0 });
    expect(again.record.samples.length).toBe(0);
  });

  it('compares NaNs and staleness markers by identity, as bits', () => {
    const { head } = newHead();
    write(head, [
      { labels: up, samples: [{ t: 1, v: Number.NaN }] },
      { labels: down, samples: [{ t: 1, v: Number.NaN, stale: true }] },
    ]);
    const again = write(head, [
      {
        labels: up,
        samples: [
          { t: 1, v: Number.NaN },
          { t: 1, v: Number.NaN, stale: true },
        ],
      },
      {
        labels: down,
        samples: [
          { t: 1, v: Number.NaN, stale: true },
          { t: 1, v: Number.NaN },
        ],
      },
    ]);
    expect(again.result.same).toBe(2);
    expect(again.result.rejected.duplicate_sample).toBe(2);
  });

  it('rejects out-of-order samples without a window, counting them', () => {
    const { head } = newHead();
    const prepared = write(head, [
      {
        labels: up,
        samples: [
          { t: 5, v: 1 },
          { t: 3, v: 1 },
          { t: 6, v: 1 },
        ],
      },
    ]);
    expect(prepared.result).toMatchObject({ appended: 2, outOfOrder: 0 });
    expect(prepared.result.rejected.out_of_order).toBe(1);
    expect(samplesOf(head.seriesByLabels(up)!).map((s) => s.t)).toEqual([5, 6]);
  });

  it('accepts out-of-order samples inside the window behind the head, refuses older ones', () => {
    const { head } = newHead(10);
    write(head, [{ labels: down, samples: [{ t: 100, v: 0 }] }]);
    const prepared = write(head, [
      {
        labels: up,
        samples: [
          { t: 95, v: 1 },
          { t: 92, v: 2 },
          { t: 89, v: 3 },
          { t: 92, v: 9 },
          { t: 92, v: 2 },
        ],
      },
    ]);
    expect(prepared.result).toMatchObject({ appended: 2, outOfOrder: 1, same: 1 });
    expect(prepared.result.rejected).toEqual({ out_of_order: 0, duplicate_sample: 1, too_old: 1 });
    const series = head.seriesByLabels(up)!;
    expect(samplesOf(series)).toEqual([
      { t: 92, v: 2 },
      { t: 95, v: 1 },
    ]);
    expect(series.ooo).toEqual([{ t: 92, v: 2 }]);
  });

  it('logs nothing for a batch whose every sample was refused', () => {
    const { head } = newHead();
    write(head, [{ labels: up, samples: [{ t: 5, v: 1 }] }]);
    const prepared = write(head, [{ labels: up, samples: [{ t: 4, v: 1 }] }]);
    expect(prepared.record.series).toEqual([]);
    expect(prepared.record.samples.length).toBe(0);
    expect(head.size).toBe(1);
  });

  it('finds a series again under equal labels of another object, also within a batch', () => {
    const { head } = newHead();
    const prepared = write(head, [
      { labels: up, samples: [{ t: 1, v: 1 }] },
      { labels: down, samples: [{ t: 1, v: 1 }] },
      { labels: Labels.fromRecord({ job: 'a', __name__: 'up' }), samples: [{ t: 2, v: 2 }] },
    ]);
    expect(prepared.record.series.map((s) => s.ref)).toEqual([1, 2]);
    expect(logged(prepared.record.samples).map((s) => s.ref)).toEqual([1, 2, 1]);
    write(head, [
      { labels: Labels.fromRecord({ __name__: 'up', job: 'a' }), samples: [{ t: 3, v: 3 }] },
    ]);
    expect(head.size).toBe(2);
    expect(samplesOf(head.series(1)!).map((s) => s.t)).toEqual([1, 2, 3]);
  });

  it('finds the series of fresh label objects whatever order batch after batch lists them in', () => {
    const { head } = newHead();
    const named = (job: string) => Labels.fromRecord({ __name__: 'up', job });
    const scrape = (t: number, jobs: string[]) =>
      write(
        head,
        jobs.map((job) => ({ labels: named(job), samples: [{ t, v: t }] })),
      );
    scrape(1, ['a', 'b', 'c', 'd']);
    const refOf = (job: string) => head.seriesByLabels(named(job))!.ref;
    const order = (prepared: ReturnType<typeof write>) =>
      logged(prepared.record.samples).map((s) => s.ref);
    expect(order(scrape(2, ['a', 'b', 'c', 'd']))).toEqual(['a', 'b', 'c', 'd'].map(refOf));
    expect(order(scrape(3, ['d', 'b', 'a', 'c']))).toEqual(['d', 'b', 'a', 'c'].map(refOf));
    const withNew = scrape(4, ['a', 'x', 'b', 'd']);
    expect(withNew.record.series.map((s) => s.labels.get('job'))).toEqual(['x']);
    expect(order(withNew)).toEqual(['a', 'x', 'b', 'd'].map(refOf));
    expect(order(scrape(5, ['a', 'b', 'c', 'd', 'x']))).toEqual(
      ['a', 'b', 'c', 'd', 'x'].map(refOf),
    );
    expect(head.size).toBe(5);
    for (const job of ['a', 'b', 'c', 'd'])
      expect(samplesOf(head.seriesByLabels(named(job))!).length).toBe(job === 'c' ? 4 : 5);
  });

  it('looks up anew where the series that followed last time was dropped or never committed', () => {
    const { head } = newHead();
    const named = (job: string) => Labels.fromRecord({ __name__: 'up', job });
    const batch = (t: number, jobs: string[]) =>
      jobs.map((job) => ({ labels: named(job), t, v: t }));
    head.commit(head.prepare(batch(1, ['a', 'b'])));
    head.drop([head.seriesByLabels(named('b'))!]);
    const recreated = head.prepare(batch(2, ['a', 'b']));
    expect(recreated.record.series.map((s) => s.ref)).toEqual([3]);
    head.commit(recreated);
    // A batch the log refused: its series' refs go to the next batch's new series.
    head.prepare(batch(3, ['a', 'y', 'z']));
    const next = head.prepare(batch(3, ['a', 'w', 'y']));
    expect(next.record.series.map((s) => [s.ref, s.labels.get('job')])).toEqual([
      [4, 'w'],
      [5, 'y'],
    ]);
    head.commit(next);
    const again = head.prepare(batch(4, ['a', 'y', 'z', 'w']));
    expect(again.record.series.map((s) => [s.ref, s.labels.get('job')])).toEqual([[6, 'z']]);
    expect(logged(again.record.samples).map((s) => s.ref)).toEqual([1, 5, 6, 4]);
  });

  it('keeps series apart whose label hash codes collide', () => {
    const { head } = newHead();
    const a = Labels.fromRecord({ __name__: 'm', i: '48316' });
    const b = Labels.fromRecord({ __name__: 'm', i: '141400' });
    expect(a.hashCode()).toBe(b.hashCode());
    write(head, [
      { labels: a, samples: [{ t: 1, v: 1 }] },
      { labels: b, samples: [{ t: 1, v: 2 }] },
    ]);
    expect(head.size).toBe(2);
    expect(head.seriesByLabels(a)!.ref).toBe(1);
    expect(head.seriesByLabels(b)!.ref).toBe(2);
    head.drop([head.series(1)!]);
    expect(head.seriesByLabels(a)).toBeUndefined();
    expect(head.seriesByLabels(b)!.ref).toBe(2);
  });

  it('keeps the labels the listener hands back', () => {
    const interned = Labels.fromRecord({ __name__: 'up', job: 'a' });
    const head = new Head({
      outOfOrderWindowMs: 0,
      listener: { added: () => interned, removed: () => {} },
    });
    write(head, [{ labels: up, samples: [{ t: 1, v: 1 }] }]);
    expect(head.series(1)!.labels).toBe(interned);
    expect(head.seriesByLabels(up)!.labels).toBe(interned);
  });

  it('refuses an empty label set or a timestamp that is not a safe integer, unchanged', () => {
    const { head, events } = newHead();
    expect(() =>
      head.prepare([
        { labels: up, t: 1, v: 1 },
        { labels: Labels.EMPTY, t: 2, v: 1 },
      ]),
    ).toThrow(new InvalidSampleError(1, 'the label set is empty'));
    expect(() => head.prepare([{ labels: down, t: 0.5, v: 1 }])).toThrow(
      new InvalidSampleError(0, 'timestamp 0.5 is not an integer'),
    );
    expect(head.size).toBe(0);
    expect(events).toEqual([]);
  });

  it('cuts a new chunk when the open one is full', () => {
    const { head } = newHead();
    const samples = Array.from({ length: 250 }, (_, i) => ({ t: i * 15_000, v: i }));
    write(head, [{ labels: up, samples }]);
    const series = head.seriesByLabels(up)!;
    expect(series.cut.map((c) => c.numSamples())).toEqual([120, 120]);
    expect(series.open!.numSamples()).toBe(10);
    expect(samplesOf(series)).toEqual(samples);
  });

  it('restores series under their old refs and keeps new refs above them', () => {
    const { head } = newHead();
    head.restore(7, down);
    const prepared = write(head, [{ labels: up, samples: [{ t: 1, v: 1 }] }]);
    expect(prepared.record.series[0]!.ref).toBe(8);
    expect(head.restore(7, down)).toBe(head.series(7));
  });

  it('appends logged samples series by series, in log order within each series', () => {
    const { head } = newHead(100);
    head.restore(1, up);
    head.restore(3, down);
    const logged = new RefSamples(2);
    for (const [ref, t, v] of [
      [3, 10, 1],
      [1, 20, 2],
      [9, 30, 3],
      [3, 40, 4],
      [1, 15, 5],
      [3, 5, 6],
    ] as const) {
      logged.push(ref, t, v, false);
    }
    logged.push(1, 50, Number.NaN, true);
    expect(head.appendLogged(logged)).toBe(6);
    expect(samplesOf(head.series(1)!)).toEqual([
      { t: 15, v: 5 },
      { t: 20, v: 2 },
      { t: 50, v: Number.NaN, stale: true },
    ]);
    expect(head.series(1)!.ooo).toEqual([{ t: 15, v: 5 }]);
    expect(samplesOf(head.series(3)!).map((x) => x.t)).toEqual([5, 10, 40]);
    expect(head.maxTime).toBe(50);
  });

  it('drops series and tells the listener', () => {
    const { head, events } = newHead();
    write(head, [{ labels: up, samples: [{ t: 1, v: 1 }] }]);
    head.drop([head.series(1)!]);
    expect(head.size).toBe(0);
    expect(head.seriesByLabels(up)).toBeUndefined();
    expect(events).toEqual(['+1', '-1']);
  });
});
