import { describe, expect, it } from '@jest/globals';
import { parseNumber } from './number.js';

describe('parseNumber', () => {
  it.each([
    ['1', 1],
    ['0', 0],
    ['4.23', 4.23],
    ['.3', 0.3],
    ['5.', 5],
    ['1e3', 1000],
    ['1.e2', 100],
    ['1E-2', 0.01],
    ['0x1f', 31],
    ['0X1e3', 0x1e3],
    ['0x_1f', 31],
    ['010', 8],
    ['08', 8],
    ['1_000', 1000],
    ['00_1_23_4.56_7_8', 1234.5678],
    ['1e1_0', 1e10],
    ['9223372036854775807', 2 ** 63],
    ['99999999999999999999', 1e20],
    ['0777777777777777777777777', Number('777777777777777777777777')],
    ['Inf', Infinity],
    ['inF', Infinity],
    ['NaN', NaN],
  ])('%s = %d', (text, want) => {
    expect(parseNumber(text)).toBe(want);
  });

  it.each([
    ['0x', 'strconv.ParseFloat: parsing "0x": invalid syntax'],
    ['0x1_2__34', 'strconv.ParseFloat: parsing "0x1_2__34": invalid syntax'],
    ['1e400', 'strconv.ParseFloat: parsing "1e400": value out of range'],
    ['12_', 'strconv.ParseFloat: parsing "12_": invalid syntax'],
  ])('%s fails: %s', (text, message) => {
    expect(() => parseNumber(text)).toThrow(message);
  });
});
