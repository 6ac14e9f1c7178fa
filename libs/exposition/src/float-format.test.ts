import { describe, expect, it } from '@jest/globals';
import { formatOpenMetricsFloat } from './float-format.js';

describe('formatOpenMetricsFloat', () => {
  it.each([
    [1, '1.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.5, '0.5'],
    [-2.5, '-2.5'],
    [100000, '100000.0'],
    [123456.7, '123456.7'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [-1234567, '-1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e100, '1e+100'],
    [0.1 + 0.2, '0.30000000000000004'],
    [5e-324, '5e-324'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [Number.NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('formats %p as %s, as Go does', (f, want) => {
    expect(formatOpenMetricsFloat(f)).toBe(want);
  });
});
