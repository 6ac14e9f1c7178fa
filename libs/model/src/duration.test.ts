import { describe, expect, it } from '@jest/globals';
import { InvalidDurationError, formatDuration, parseDuration } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['0s', 0],
    ['0w', 0],
    ['1ms', 1],
    ['500ms', 500],
    ['15s', 15 * S],
    ['90s', 90 * S],
    ['0010s', 10 * S],
    ['1m', M],
    ['1h30m', H + 30 * M],
    ['1h0m0s', H],
    ['2d', 2 * D],
    ['4d1h', 4 * D + H],
    ['1w', 7 * D],
    ['3w2d1h', 23 * D + H],
    ['1y', Y],
    ['10y', 10 * Y],
    ['1y2w3d4h5m6s7ms', Y + 14 * D + 3 * D + 4 * H + 5 * M + 6 * S + 7],
    ['290y', 290 * Y],
    ['292y', 292 * Y],
  ])('parses %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'empty duration string'],
    ['1', 'not a valid duration string: "1"'],
    ['s', 'not a valid duration string: "s"'],
    ['m', 'not a valid duration string: "m"'],
    ['-1s', 'not a valid duration string: "-1s"'],
    ['+1s', 'not a valid duration string: "+1s"'],
    [' 1s', 'not a valid duration string: " 1s"'],
    ['1m1h', 'not a valid duration string: "1m1h"'],
    ['1y1m1d', 'not a valid duration string: "1y1m1d"'],
    ['1s1s', 'not a valid duration string: "1s1s"'],
    ['10x', 'unknown unit "x" in duration "10x"'],
    ['1H', 'unknown unit "H" in duration "1H"'],
    ['1.5h', 'unknown unit "." in duration "1.5h"'],
    ['1s 2ms', 'unknown unit "s " in duration "1s 2ms"'],
    ['1mss', 'unknown unit "mss" in duration "1mss"'],
    ['5y1hs', 'unknown unit "hs" in duration "5y1hs"'],
    ['1\n', 'unknown unit "\\n" in duration "1\\n"'],
    ['3µs', 'unknown unit "µs" in duration "3µs"'],
    ['293y', 'duration out of range'],
    ['107675d', 'duration out of range'],
    ['200y10400w', 'duration out of range'],
    ['18446744073709551615ms', 'duration out of range'],
    // Too large for the uint64 Prometheus reads each number into: rejected as malformed.
    ['18446744073709551616ms', 'not a valid duration string: "18446744073709551616ms"'],
    ['99999999999999999999s', 'not a valid duration string: "99999999999999999999s"'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseDuration(text)).toThrow(new InvalidDurationError(message));
  });

  it('raises an error with a stable name and code', () => {
    let caught: unknown;
    try {
      parseDuration('1x');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidDurationError);
    expect(caught).toMatchObject({ name: 'InvalidDurationError', code: 'invalid_duration' });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1ms'],
    [1.9, '1ms'],
    [1500, '1s500ms'],
    [90 * S, '1m30s'],
    [H + 30 * M, '1h30m'],
    [90 * D, '90d'],
    [14 * D, '2w'],
    [23 * D + H, '23d1h'],
    [Y, '1y'],
    [366 * D, '366d'],
    [-15 * S, '-15s'],
    [-(23 * D + H), '-23d1h'],
  ])('formats %d as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each(['1h30m', '1y', '2w', '10y', '4d1h', '3d4h5m6s7ms', '15s', '324ms'])(
    'round-trips %s',
    (text) => {
      expect(formatDuration(parseDuration(text))).toBe(text);
    },
  );

  it('refuses non-finite input', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
