import { describe, expect, it } from '@jest/globals';
import { roundHalfAwayFromZero, secondsToMs } from './duration.js';

describe('seconds and rounding', () => {
  it('converts seconds to whole milliseconds as Prometheus does', () => {
    expect(secondsToMs(1.5)).toBe(1500);
    expect(secondsToMs(0.001)).toBe(1);
    expect(secondsToMs(0.0004)).toBe(0);
    expect(secondsToMs(-90)).toBe(-90_000);
  });

  it('rounds halves away from zero like Go', () => {
    expect([2.5, -2.5, 0.4, -0.6].map(roundHalfAwayFromZero)).toEqual([3, -3, 0, -1]);
  });
});
