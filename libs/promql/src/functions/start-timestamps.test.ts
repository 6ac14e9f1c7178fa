import { describe, expect, it } from '@jest/globals';
import {
  hasStartTimeOverlap,
  isCounterReset,
  isStartTimestampReset,
  startTimeOverlapWarning,
} from './start-timestamps.js';
import { pts } from './test-points.js';

describe('isStartTimestampReset', () => {
  // Previous sample at 60s, current at 120s; times in ms.
  const cases: [string, number, number, boolean][] = [
    ['unknown start', 0, 0, false],
    ['start after the previous sample', 30_000, 90_000, true],
    ['start at the sample itself (OTel unknown start)', 30_000, 120_000, false],
    ['start after the sample (invalid)', 30_000, 121_000, false],
    ['start before the previous sample (cumulative)', 30_000, 30_000, false],
    ['start at the previous sample, previous start known (delta)', 30_000, 60_000, true],
    ['start at the previous sample, previous start unknown', 0, 60_000, false],
    ['start at the previous sample, previous start at its sample', 60_000, 60_000, false],
    ['start at the previous sample, previous start invalid', 61_000, 60_000, false],
  ];
  it.each(cases)('%s', (_name, prevStart, start, want) => {
    expect(isStartTimestampReset(prevStart, 60_000, start, 120_000)).toBe(want);
  });
});

describe('isCounterReset', () => {
  const points = pts([60, 5], [120, 7], [180, 3]);
  it('sees drops without start timestamps', () => {
    expect([1, 2].map((i) => isCounterReset(points, undefined, i))).toEqual([false, true]);
  });
  it('also sees a start timestamp after the previous sample as a reset', () => {
    const rising = pts([60, 5], [120, 7], [180, 9]);
    const startTimes = [10_000, 90_000, 90_000];
    expect([1, 2].map((i) => isCounterReset(rising, startTimes, i))).toEqual([true, false]);
    expect(isCounterReset(points, [0, 0, 0], 2)).toBe(true);
  });
});

describe('hasStartTimeOverlap', () => {
  const points = pts([60, 1], [120, 2], [180, 3]);
  const cases: [string, number[], boolean][] = [
    ['delta: each start at the previous sample', [0, 60_000, 120_000], false],
    ['cumulative: the same start throughout', [30_000, 30_000, 30_000], false],
    ['unknown starts', [0, 0, 0], false],
    ['a start before the previous sample, not repeating its start', [0, 0, 90_000], true],
    ['starts two samples back', [-60_000, 0, 60_000], true],
  ];
  it.each(cases)('%s', (_name, startTimes, want) => {
    expect(hasStartTimeOverlap(points, startTimes)).toBe(want);
  });
  it('words the warning as Prometheus does', () => {
    expect(startTimeOverlapWarning('counter_total')).toBe(
      'PromQL warning: sample has start time that overlaps with previous sample timestamp for metric "counter_total"',
    );
  });
});
