import { describe, expect, it } from '@jest/globals';
import { delta, idelta, increase, irate, rate } from './range-rate.js';
import { pts, win } from './test-points.js';
import type { RangeKernel } from './types.js';

// Expected values worked out by hand from Prometheus's documented extrapolation rules.
const every10s = pts([10, 10], [20, 20], [30, 30], [40, 40], [50, 50], [60, 60]);

describe('extrapolated rate, increase, delta', () => {
  const cases: [string, RangeKernel, ReturnType<typeof pts>, number | undefined][] = [
    // Points cover the window: extrapolate 10s to the start (below 1.1 × gap), 0s to the end.
    ['increase, regular points', increase, every10s, 60],
    ['rate, regular points', rate, every10s, 1],
    ['delta, regular points', delta, every10s, 60],
    // The counter would reach zero 1s before the first point: stop there.
    [
      'increase, zero point',
      increase,
      pts([10, 1], [20, 11], [30, 21], [40, 31], [50, 41], [60, 51]),
      51,
    ],
    // A gauge is not clamped at zero.
    [
      'delta, no zero clamp',
      delta,
      pts([10, 1], [20, 11], [30, 21], [40, 31], [50, 41], [60, 51]),
      60,
    ],
    // 30s gap to the start exceeds the threshold: extrapolate half a gap (5s) only.
    ['delta, series starts late', delta, pts([30, 0], [40, 10], [50, 20]), 35],
    // A reset adds the value before the drop: 15 raw, ×60/40.
    ['increase, counter reset', increase, pts([20, 10], [40, 20], [60, 5]), 22.5],
    ['delta ignores resets', delta, pts([20, 10], [40, 20], [60, 5]), -7.5],
    ['one point yields nothing', rate, pts([60, 1]), undefined],
    ['no points yield nothing', increase, [], undefined],
  ];
  it.each(cases)('%s', (_name, fn, points, want) => {
    const got = fn(points, win(60, 60));
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 10);
  });
});

describe('irate and idelta', () => {
  const cases: [string, RangeKernel, ReturnType<typeof pts>, number | undefined][] = [
    ['irate uses the last two points', irate, pts([0, 0], [50, 10], [60, 30]), 2],
    ['irate after a reset takes the new value', irate, pts([50, 10], [60, 5]), 0.5],
    ['idelta is the raw difference', idelta, pts([50, 10], [60, 5]), -5],
    ['one point yields nothing', irate, pts([60, 5]), undefined],
    [
      'equal times yield nothing',
      idelta,
      [
        { t: 1, v: 1 },
        { t: 1, v: 2 },
      ],
      undefined,
    ],
  ];
  it.each(cases)('%s', (_name, fn, points, want) => {
    expect(fn(points, win(60, 60))).toBe(want);
  });
});

describe('anchored and smoothed ranges', () => {
  it('anchored increase starts at the anchor and corrects resets without extrapolating', () => {
    const points = pts([0, 5], [20, 10], [40, 2], [60, 8]);
    expect(increase(points, win(60, 60, { selector: 'anchored' }))).toBe(13);
    expect(rate(points, win(60, 60, { selector: 'anchored' }))).toBeCloseTo(13 / 60, 12);
    expect(delta(points, win(60, 60, { selector: 'anchored' }))).toBe(3);
  });

  it('smoothed increase interpolates at both edges', () => {
    const points = pts([-10, 0], [10, 20], [50, 60], [70, 80]);
    expect(increase(points, win(60, 60, { selector: 'smoothed' }))).toBe(60);
    expect(rate(points, win(60, 60, { selector: 'smoothed' }))).toBe(1);
  });

  it('smoothed counter interpolation across a reset starts from zero', () => {
    // Between 50s (v=60) and 70s (v=10) the counter reset: at 60s it is 0 + 10 × ½.
    const points = pts([0, 0], [50, 60], [70, 10]);
    expect(increase(points, win(60, 60, { selector: 'smoothed' }))).toBe(65);
  });

  it('yields nothing when no point lies after the range start', () => {
    expect(increase(pts([-10, 1], [0, 2]), win(60, 60, { selector: 'anchored' }))).toBeUndefined();
    expect(increase([], win(60, 60, { selector: 'anchored' }))).toBeUndefined();
  });
});

describe('start timestamps', () => {
  it('count a start after the previous point as a counter reset', () => {
    // The start at 30s resets the counter between 20s and 40s: 10 is lost, 25 in all.
    const points = pts([20, 10], [40, 20], [60, 25]);
    const startTimes = [0, 30_000, 30_000];
    expect(increase(points, win(60, 60))).toBeCloseTo(22.5, 12);
    // 25 over 40s, extrapolated 16s back to the zero point.
    expect(increase(points, win(60, 60), startTimes)).toBeCloseTo(35, 12);
  });

  it('replace left extrapolation by a zero point at a start inside the window', () => {
    const points = pts([20, 10], [40, 12], [60, 14]);
    expect(increase(points, win(60, 60))).toBeCloseTo(6, 12);
    // From 0 at 15s to 14 at 60s; the last point is at the window end.
    expect(increase(points, win(60, 60), [15_000, 15_000, 15_000])).toBeCloseTo(14, 12);
    expect(rate(points, win(60, 60), [15_000, 15_000, 15_000])).toBeCloseTo(14 / 60, 12);
  });

  it('extrapolate as usual when the first start is unusable', () => {
    const points = pts([80, 10], [100, 12], [120, 14]);
    const cases: [string, number][] = [
      ['at the exclusive window start', 60_000],
      ['before the window', 50_000],
      ['at the first point', 80_000],
      ['after the first point', 80_001],
    ];
    for (const [name, start] of cases) {
      expect([name, increase(points, win(120, 60), [start, 0, 0])]).toEqual([name, 6]);
    }
    expect(increase(points, win(120, 60), [60_001, 0, 0])).toBeCloseTo(14, 12);
  });

  it('give a single point a result when its start lies inside the window', () => {
    const single = pts([40, 6]);
    expect(increase(single, win(60, 60))).toBeUndefined();
    expect(increase(single, win(60, 60), [10_000])).toBe(6);
    expect(rate(single, win(60, 60), [10_000])).toBeCloseTo(0.1, 12);
    expect(increase(single, win(60, 60), [-10_000])).toBeUndefined();
    expect(increase(single, win(60, 60), [0])).toBeUndefined();
  });

  it('leave delta and idelta alone', () => {
    const points = pts([20, 10], [40, 20], [60, 25]);
    const startTimes = [5_000, 20_000, 40_000];
    expect(delta(points, win(60, 60), startTimes)).toBe(delta(points, win(60, 60)));
    expect(idelta(points, win(60, 60), startTimes)).toBe(5);
  });

  it('make irate take the last value after a start-timestamp reset', () => {
    // A delta series: each start is the previous point's time.
    const points = pts([50, 10], [60, 12]);
    expect(irate(points, win(60, 60))).toBeCloseTo(0.2, 12);
    expect(irate(points, win(60, 60), [40_000, 50_000])).toBeCloseTo(1.2, 12);
    // The previous start is unknown: a cumulative series with unknown start, no reset.
    expect(irate(points, win(60, 60), [0, 50_000])).toBeCloseTo(0.2, 12);
  });

  it('are ignored over extended ranges', () => {
    const points = pts([0, 5], [20, 10], [40, 12], [60, 14]);
    const ctx = win(60, 60, { selector: 'anchored' });
    expect(increase(points, ctx, [10_000, 30_000, 30_000, 30_000])).toBe(increase(points, ctx));
  });
});
