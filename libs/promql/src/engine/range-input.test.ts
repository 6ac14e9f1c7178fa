import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { firstAfter } from './select.js';
import { WindowCursor } from './range-input.js';
import type { RangeInput } from './range-input.js';
import type { Point } from './result.js';

const points: Point[] = [0, 10, 20, 30, 45, 50, 80, 90].map((t) => ({ t, v: t / 10 }));
const series = { labels: Labels.EMPTY, points };

// The window by definition, with two binary searches, to check the cursor against.
function expected(input: RangeInput, i: number): Point[] {
  const end = input.ends[i]!;
  const start = end - input.rangeMs;
  let lo = firstAfter(points, start);
  let hi = firstAfter(points, end);
  if (input.selector !== undefined && lo > 0 && points[lo - 1]!.t > start - input.lookbackMs) lo--;
  if (input.selector === 'smoothed' && hi < points.length && points[hi]!.t <= end + 5) hi++;
  return points.slice(lo, hi);
}

describe('WindowCursor', () => {
  it.each<[string, RangeInput['selector'], number[]]>([
    ['ascending ends', undefined, [-10, 5, 20, 25, 50, 70, 95, 120]],
    ['repeated ends, as with @', undefined, [30, 30, 30]],
    ['ends that go back', undefined, [90, 20, 50, 10]],
    ['anchored', 'anchored', [10, 25, 50, 95]],
    ['smoothed', 'smoothed', [10, 25, 50, 95, 40]],
  ])('yields the points of each window: %s', (_name, selector, ends) => {
    const input: RangeInput = { series: [series], rangeMs: 25, ends, selector, lookbackMs: 5 };
    const cursor = new WindowCursor(input, series);
    ends.forEach((_, i) => expect(cursor.points(i)).toEqual(expected(input, i)));
  });
});
