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
