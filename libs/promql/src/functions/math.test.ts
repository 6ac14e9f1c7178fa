import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import { dateFunctions } from './date.js';
import { clamp, clampMax, clampMin, mapValues, round, timestamp, valueFunctions } from './math.js';

const labels = Labels.fromRecord({ __name__: 'm', job: 'a' });
const one = (v: number): InstantSample[] => [{ labels, t: 5000, v }];
const values = (out: InstantSample[]): number[] => out.map((s) => s.v);

describe('value functions', () => {
  const cases: [string, number, number][] = [
    ['abs', -2, 2],
    ['ceil', 1.2, 2],
    ['floor', -1.2, -2],
    ['exp', 0, 1],
    ['sqrt', 9, 3],
    ['sqrt', -1, NaN],
    ['ln', Math.E, 1],
    ['ln', 0, -Infinity],
    ['log2', 8, 3],
    ['log10', 1000, 3],
    ['sgn', -3, -1],
    ['sgn', 3, 1],
    ['sgn', 0, 0],
    ['sgn', NaN, NaN],
    ['deg', Math.PI, 180],
    ['rad', 180, Math.PI],
    ['sin', 0, 0],
    ['cos', 0, 1],
    ['acosh', 0.5, NaN],
    ['atanh', 1, Infinity],
  ];
  it.each(cases)('%s(%d) = %d', (name, input, want) => {
    expect(values(mapValues(one(input), valueFunctions.get(name)!))).toEqual([want]);
  });

  it('keeps labels and times (the engine drops names)', () => {
    expect(mapValues(one(-1), Math.abs)).toEqual([{ labels, t: 5000, v: 1 }]);
  });
});

describe('round, clamp, timestamp', () => {
  const rounds: [number, number | undefined, number][] = [
    [2.5, undefined, 3],
    [-2.5, undefined, -2],
    [1.234, 0.1, 1.2],
    [5, 10, 10],
    [NaN, undefined, NaN],
  ];
  it.each(rounds)('round(%d, %p) = %d', (v, to, want) => {
    expect(values(round(one(v), to))).toEqual([want]);
  });

  it('clamps into the bounds and drops everything when max < min', () => {
    expect(values(clamp([...one(-5), ...one(5), ...one(NaN)], -1, 1))).toEqual([-1, 1, NaN]);
    expect(clamp(one(0), 2, 1)).toEqual([]);
    expect(values(clampMin(one(-5), 0))).toEqual([0]);
    expect(values(clampMax(one(5), 0))).toEqual([0]);
  });

  it('timestamp answers the sample time in seconds', () => {
    expect(values(timestamp(one(7)))).toEqual([5]);
  });
});

describe('date functions', () => {
  // 1136239445 is 2006-01-02T22:04:05Z, a Monday; 1456790399 is 2016-02-29T23:59:59Z.
  const cases: [string, number, number][] = [
    ['year', 1136239445, 2006],
    ['month', 1136239445, 1],
    ['day_of_month', 1136239445, 2],
    ['day_of_year', 1136239445, 2],
    ['day_of_week', 1136239445, 1],
    ['hour', 1136239445, 22],
    ['minute', 1136239445, 4],
    ['days_in_month', 1456790399, 29],
    ['day_of_year', 1456790399, 60],
    ['days_in_month', 1485907200, 28], // 2017-02-01
    ['day_of_year', 1483191420, 366], // 2016-12-31
    ['day_of_week', -1, 3], // 1969-12-31, a Wednesday
    ['hour', -1, 23],
    ['hour', -0.5, 0], // truncated toward zero to 1970-01-01T00:00:00
    ['year', 253402300800, 10000], // past JavaScript Date's calendar comfort zone
    ['year', NaN, NaN],
    ['month', Infinity, NaN],
  ];
  it.each(cases)('%s(%d) = %d', (name, input, want) => {
    expect(dateFunctions.get(name)!(input)).toBe(want);
  });

  it('agrees with Date in UTC across many instants', () => {
    for (let s = -5e9; s < 5e9; s += 7777777.7) {
      const d = new Date(Math.trunc(s) * 1000);
      const got = ['year', 'month', 'day_of_month', 'hour', 'minute', 'day_of_week'].map((n) =>
        dateFunctions.get(n)!(s),
      );
      const want = [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCDay(),
      ];
      expect([s, ...got]).toEqual([s, ...want]);
    }
  });
});
