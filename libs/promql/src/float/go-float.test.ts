import { describe, expect, it } from '@jest/globals';
import { formatFloat, formatG, formatOpenMetricsFloat, goMod, goPow } from './go-float.js';

describe('goPow', () => {
  it.each([
    [1, NaN, 1],
    [1, Infinity, 1],
    [-1, Infinity, 1],
    [-1, -Infinity, 1],
    [NaN, 0, 1],
    [2, 10, 1024],
    [-8, 1 / 3, NaN],
    [0, -1, Infinity],
    [2, NaN, NaN],
  ])('Pow(%p, %p) = %p as in Go', (x, y, want) => {
    expect(goPow(x, y)).toBe(want);
  });
});

describe('goMod', () => {
  it.each([
    [7, 3, 1],
    [-7, 3, -1],
    [7, -3, 1],
    [5.5, 2, 1.5],
    [1, 0, NaN],
    [Infinity, 2, NaN],
    [3, Infinity, 3],
    [-4, 2, -0],
  ])('Mod(%p, %p) = %p', (x, y, want) => {
    expect(goMod(x, y)).toBe(want);
  });
});

describe('formatG (%g, %v)', () => {
  it.each([
    [1.1, '1.1'],
    [-1, '-1'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [0, '0'],
    [100000, '100000'],
    [1e6, '1e+06'],
    [123456789, '1.23456789e+08'],
    [0.0001, '0.0001'],
    [0.00001234, '1.234e-05'],
    [1e100, '1e+100'],
    [9.223372036854776e18, '9.223372036854776e+18'],
  ])('%p prints as %p', (v, want) => {
    expect(formatG(v)).toBe(want);
  });
});

describe('formatFloat (FormatFloat f -1)', () => {
  it.each([
    [6, '6'],
    [0.5, '0.5'],
    [-2.25, '-2.25'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [123.456e5, '12345600'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
    [-0, '-0'],
  ])('%p prints as %p', (v, want) => {
    expect(formatFloat(v)).toBe(want);
  });
});

describe('formatOpenMetricsFloat', () => {
  it.each([
    [0, '0.0'],
    [-0, '0.0'],
    [1, '1.0'],
    [-1, '-1.0'],
    [42, '42.0'],
    [0.25, '0.25'],
    [-0.1, '-0.1'],
    [1.01, '1.01'],
    [1e6, '1e+06'],
    [1.5e-7, '1.5e-07'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%p prints as %p', (v, want) => {
    expect(formatOpenMetricsFloat(v)).toBe(want);
  });
});
