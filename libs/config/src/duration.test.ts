import { describe, expect, it } from '@jest/globals';
import { formatDuration, parseDuration } from './duration.js';
import { InvalidDurationError } from './errors.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['0s', 0],
    ['1ms', 1],
    ['15s', 15 * S],
    ['1m', M],
    ['1h30m', H + 30 * M],
    ['1h0m0s', H],
    ['2d', 2 * D],
    ['1w', 7 * D],
    ['1y', 365 * D],
    ['1y2w3d4h5m6s7ms', 365 * D + 14 * D + 3 * D + 4 * H + 5 * M + 6 * S + 7],
    ['90s', 90 * S],
    ['0010s', 10 * S],
    ['292y', 292 * 365 * D],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'invalid duration ""'],
    ['10x', 'invalid duration "10x"'],
    ['1.5h', 'invalid duration "1.5h"'],
    ['-1s', 'invalid duration "-1s"'],
    ['+1s', 'invalid duration "+1s"'],
    ['1', 'invalid duration "1"'],
    ['s', 'invalid duration "s"'],
    ['1H', 'invalid duration "1H"'],
    ['1m1h', 'invalid duration "1m1h"'],
    ['1s1s', 'invalid duration "1s1s"'],
    ['1s 2ms', 'invalid duration "1s 2ms"'],
    [' 1s', 'invalid duration " 1s"'],
    ['1mss', 'invalid duration "1mss"'],
    ['293y', 'duration "293y" is out of range'],
    ['99999999999999999999s', 'duration "99999999999999999999s" is out of range'],
  ])('rejects %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(new InvalidDurationError(message));
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1ms'],
    [1500, '1s500ms'],
    [90 * S, '1m30s'],
    [H + 30 * M, '1h30m'],
    [90 * D, '90d'],
    [14 * D, '2w'],
    [365 * D, '1y'],
    [366 * D, '366d'],
    [-15 * S, '-15s'],
    [1.9, '1ms'],
  ])('formats %d as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each(['1h30m', '1y', '2w', '3d4h5m6s7ms', '15s'])('round-trips %s', (text) => {
    expect(formatDuration(parseDuration(text))).toBe(text);
  });

  it('refuses non-finite input', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});
