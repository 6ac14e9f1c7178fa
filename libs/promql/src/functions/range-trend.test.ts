import { describe, expect, it } from '@jest/globals';
import { FunctionArgumentError } from './errors.js';
import {
  deriv,
  doubleExponentialSmoothing,
  linearRegression,
  predictLinear,
} from './range-trend.js';
import { pts, win } from './test-points.js';

describe('deriv and predict_linear', () => {
  it('fits a straight line', () => {
    const line = pts([0, 0], [10, 10], [20, 20]);
    expect(deriv(line, win(20, 60))).toBe(1);
    // 10s after the evaluation time at 20s.
    expect(predictLinear(line, win(20, 60, { args: [10] }))).toBe(30);
  });

  it('fits noisy points by least squares', () => {
    // x = 0,1,2 s; y = 1,3,2: slope 0.5, value at x=1 is 2.
    const { slope, intercept } = linearRegression(pts([0, 1], [1, 3], [2, 2]), 1000);
    expect(slope).toBeCloseTo(0.5, 12);
    expect(intercept).toBeCloseTo(2, 12);
  });

  it('treats constant series specially', () => {
    expect(deriv(pts([0, 5], [10, 5]), win(10, 60))).toBe(0);
    expect(deriv(pts([0, Infinity], [10, Infinity]), win(10, 60))).toBeNaN();
  });

  it('needs two points', () => {
    expect(deriv(pts([0, 1]), win(10, 60))).toBeUndefined();
    expect(predictLinear(pts([0, 1]), win(10, 60, { args: [1] }))).toBeUndefined();
  });
});

describe('double_exponential_smoothing', () => {
  const cases: [number[], number, number, number][] = [
    // A straight line is tracked exactly.
    [[0, 10, 20, 30], 0.5, 0.5, 30],
    // s: 1 → 3 → 3.5 with the trend staying at 2.
    [[1, 3, 2], 0.5, 0.5, 3.5],
  ];
  it.each(cases)('%j sf=%d tf=%d', (values, sf, tf, want) => {
    const points = values.map((v, i) => ({ t: i * 1000, v }));
    expect(doubleExponentialSmoothing(points, win(10, 60, { args: [sf, tf] }))).toBeCloseTo(
      want,
      12,
    );
  });

  it('rejects factors outside (0, 1) with Prometheus messages', () => {
    const points = pts([0, 1], [1, 2]);
    expect(() => doubleExponentialSmoothing(points, win(1, 60, { args: [1, 0.5] }))).toThrow(
      new FunctionArgumentError('invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000'),
    );
    expect(() => doubleExponentialSmoothing(points, win(1, 60, { args: [0.5, 0] }))).toThrow(
      'invalid trend factor. Expected: 0 < tf < 1, got: 0.000000',
    );
    expect(() => doubleExponentialSmoothing(points, win(1, 60, { args: [NaN, 0.5] }))).toThrow(
      FunctionArgumentError,
    );
  });

  it('needs two points', () => {
    expect(
      doubleExponentialSmoothing(pts([0, 1]), win(1, 60, { args: [0.5, 0.5] })),
    ).toBeUndefined();
  });
});
