import { describe, expect, it } from '@jest/globals';
import { changes, resets } from './range-counts.js';
import { pts, win } from './test-points.js';

describe('resets', () => {
  const points = pts([20, 5], [40, 6], [50, 2], [60, 3]);

  it('counts drops', () => {
    expect(resets(points, win(60, 60))).toBe(1);
  });

  it('also counts starts after the previous point, once per reset', () => {
    // The start at 30s resets between 20s and 40s; the drop at 50s is one reset either way.
    expect(resets(points, win(60, 60), [0, 30_000, 45_000, 45_000])).toBe(2);
    // A cumulative series repeating its start has no extra resets.
    expect(resets(points, win(60, 60), [10_000, 10_000, 10_000, 10_000])).toBe(1);
  });

  it('starts at the anchor of an anchored range, start timestamps aligned', () => {
    const anchored = pts([-10, 1], [20, 2], [40, 3]);
    const ctx = win(60, 60, { selector: 'anchored' });
    expect(resets(anchored, ctx, [0, 0, 30_000])).toBe(1);
    expect(resets(anchored, ctx, [0, -5_000, 0])).toBe(1);
    expect(resets(pts([-20, 1], [-10, 2]), ctx)).toBeUndefined();
  });
});

describe('changes', () => {
  it('counts value changes, NaN to NaN being none, and ignores start timestamps', () => {
    const points = pts([10, 1], [20, 1], [30, 2], [40, NaN], [50, NaN]);
    expect(changes(points, win(60, 60))).toBe(2);
    expect(changes(points, win(60, 60), [0, 15_000, 0, 0, 0])).toBe(2);
  });
});
