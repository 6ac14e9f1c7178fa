import { describe, expect, it } from '@jest/globals';
import {
  InvalidDurationError,
  parseDuration,
  roundHalfAwayFromZero,
  secondsToMs,
} from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['0s', 0],
    ['500ms', 500],
    ['15s', 15_000],
    ['1m', 60_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    [
      '1y2w3d4h5m6s7ms',
      31_536_000_000 + 1_209_600_000 + 259_200_000 + 14_400_000 + 300_000 + 6_000 + 7,
    ],
    ['290y', 290 * 31_536_000_000],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'empty duration string'],
    ['1', 'not a valid duration string: "1"'],
    ['m', 'not a valid duration string: "m"'],
    ['1.5h', 'unknown unit "." in duration "1.5h"'],
    ['5m1h', 'not a valid duration string: "5m1h"'],
    ['1m1m', 'not a valid duration string: "1m1m"'],
    ['5y1hs', 'unknown unit "hs" in duration "5y1hs"'],
    ['-1m', 'not a valid duration string: "-1m"'],
    ['300y', 'duration out of range'],
    ['99999999999999999999ms', 'duration out of range'],
  ])('%j fails: %s', (text, message) => {
    expect(() => parseDuration(text)).toThrow(new InvalidDurationError(message));
  });
});

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
