import { describe, expect, it } from '@jest/globals';
import { compareGoStrings, goAtoi, goTrimSpace, isValidUtf8, parseGoDuration } from './go.js';

describe('Go library behaviours', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['500ms', 500],
    ['2us', 0.002],
    ['3µs', 0.003],
    ['1h1h', 7_200_000],
    ['-2m', -120_000],
    ['.5s', 500],
  ])('parses the Go duration %s', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '1', '1d', 's', '.s', '1.2.3s', '+', '10 s'])(
    'refuses the Go duration %j',
    (text) => {
      expect(parseGoDuration(text)).toBeUndefined();
    },
  );

  it('reads integers as strconv.Atoi does', () => {
    expect(goAtoi('+42')).toBe(42);
    expect(goAtoi('-7')).toBe(-7);
    expect(() => goAtoi('1_000')).toThrow('strconv.Atoi: parsing "1_000": invalid syntax');
    expect(() => goAtoi('99999999999999999999')).toThrow('value out of range');
  });

  it('trims the spaces Go trims', () => {
    expect(goTrimSpace('\u00a0\t a b \u2003\n')).toBe('a b');
    expect(goTrimSpace('\ufeffx')).toBe('\ufeffx');
  });

  it('orders strings by code point and spots strings without UTF-8', () => {
    expect(compareGoStrings('\u{1f642}', '\uffff')).toBeGreaterThan(0);
    expect(compareGoStrings('a', 'ab')).toBeLessThan(0);
    expect(compareGoStrings('x', 'x')).toBe(0);
    expect(isValidUtf8('ok \u{1f642}')).toBe(true);
    expect(isValidUtf8('\ud800')).toBe(false);
  });
});
