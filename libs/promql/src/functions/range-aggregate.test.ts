import { describe, expect, it } from '@jest/globals';
import { rangeFunctions } from './range-functions.js';
import { pts, win } from './test-points.js';

const oneToFour = pts([10, 1], [20, 2], [30, 3], [40, 4]);

describe('over_time kernels', () => {
  const cases: [string, ReturnType<typeof pts>, number[], number | undefined][] = [
    ['sum_over_time', oneToFour, [], 10],
    ['avg_over_time', oneToFour, [], 2.5],
    ['count_over_time', oneToFour, [], 4],
    ['min_over_time', oneToFour, [], 1],
    ['max_over_time', oneToFour, [], 4],
    ['last_over_time', oneToFour, [], 4],
    ['first_over_time', oneToFour, [], 1],
    ['present_over_time', oneToFour, [], 1],
    ['ts_of_first_over_time', oneToFour, [], 10],
    ['ts_of_last_over_time', oneToFour, [], 40],
    ['stdvar_over_time', oneToFour, [], 1.25],
    ['stddev_over_time', oneToFour, [], Math.sqrt(1.25)],
    ['quantile_over_time', oneToFour, [0.5], 2.5],
    ['quantile_over_time', oneToFour, [0.25], 1.75],
    ['quantile_over_time', oneToFour, [-1], -Infinity],
    ['quantile_over_time', oneToFour, [2], Infinity],
    ['quantile_over_time', oneToFour, [NaN], NaN],
    ['mad_over_time', oneToFour, [], 1],
    ['mad_over_time', pts([0, 1], [1, NaN]), [], NaN],
    // NaN loses to any number in min/max; alone it is the answer.
    ['max_over_time', pts([0, NaN], [1, 1]), [], 1],
    ['min_over_time', pts([0, 3], [1, NaN], [2, 1]), [], 1],
    ['max_over_time', pts([0, NaN]), [], NaN],
    // ts_of_* pick the last point holding the extreme.
    ['ts_of_max_over_time', pts([10, 5], [20, 5], [30, 1]), [], 20],
    ['ts_of_min_over_time', pts([10, 1], [20, 5], [30, 1]), [], 30],
    // Compensated summation keeps the small terms.
    ['sum_over_time', pts([0, 1], [1, 1e100], [2, 1], [3, -1e100]), [], 2],
    // The running sum overflows: the mean is computed incrementally instead.
    ['avg_over_time', pts([0, 1e308], [1, 1e308]), [], 1e308],
    ['sum_over_time', pts([0, 1e308], [1, 1e308]), [], Infinity],
    ['stdvar_over_time', pts([0, 7]), [], 0],
    ['sum_over_time', [], [], undefined],
    ['count_over_time', [], [], undefined],
    ['last_over_time', [], [], undefined],
    ['ts_of_max_over_time', [], [], undefined],
  ];
  it.each(cases)('%s %#', (name, points, args, want) => {
    const got = rangeFunctions.get(name)!(points, win(60, 60, { args }));
    if (want === undefined || Number.isNaN(want) || !Number.isFinite(want)) expect(got).toBe(want);
    else expect(got).toBeCloseTo(want, 12);
  });
});

describe('resets and changes', () => {
  const cases: [string, ReturnType<typeof pts>, 'anchored' | undefined, number | undefined][] = [
    ['resets', pts([0, 5], [10, 3], [20, 4], [30, 1]), undefined, 2],
    ['changes', pts([0, 1], [10, 1], [20, 2], [30, NaN], [40, NaN], [50, 3]), undefined, 3],
    ['resets', pts([0, 5]), undefined, 0],
    ['resets', [], undefined, undefined],
    // Anchored: counting starts at the last point at or before the range start (0s).
    ['resets', pts([-10, 9], [0, 5], [10, 3]), 'anchored', 1],
    ['changes', pts([-10, 9], [0, 5], [10, 5]), 'anchored', 0],
    ['changes', pts([-10, 9], [0, 5]), 'anchored', undefined],
  ];
  it.each(cases)('%s %#', (name, points, selector, want) => {
    const ctx = selector === undefined ? win(60, 60) : win(60, 60, { selector });
    expect(rangeFunctions.get(name)!(points, ctx)).toBe(want);
  });
});
