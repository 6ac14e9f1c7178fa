import { describe, expect, it } from '@jest/globals';
import { reduce } from './accumulators.js';
import type { ReducingOp } from './accumulators.js';
import { kahanInc } from '../float/kahan.js';

const BIG = 9.988465674311579e307;

describe('reduce', () => {
  it.each<[ReducingOp, number[], number]>([
    ['sum', [1e100, 1, -1e100], 1],
    ['sum', [0.1, 0.2, 0.3], 0.6],
    ['sum', [Infinity, 2], Infinity],
    ['sum', [Infinity, -Infinity], NaN],
    ['sum', [NaN, 2], NaN],
    ['avg', [1e100, 2, 8, -1e100], 2.5],
    ['avg', Array<number>(12).fill(52), 52],
    ['avg', [BIG, BIG, BIG, BIG], BIG],
    ['avg', [-BIG, -BIG, BIG, BIG], 0],
    ['avg', [0, Infinity, Infinity, 0], Infinity],
    ['avg', [Infinity, Infinity, -Infinity], NaN],
    ['avg', [-Infinity, 0, Infinity], NaN],
    ['count', [NaN, 1, 2], 3],
    ['group', [5, 6], 1],
    ['min', [NaN, 3, 1], 1],
    ['min', [3, NaN, 1], 1],
    ['max', [NaN, 3, 1], 3],
    ['max', [NaN, NaN], NaN],
    ['max', [-Infinity, -5], -5],
    ['stdvar', [2, 4, 4, 4, 5, 5, 7, 9], 4],
    ['stddev', [2, 4, 4, 4, 5, 5, 7, 9], 2],
    ['stddev', [7], 0],
    ['stddev', [1, 2, NaN], NaN],
    ['stddev', [Infinity, 1, 2], NaN],
    ['stdvar', [1, 2, Infinity], NaN],
    ['stddev', [NaN], NaN],
  ])('%s(%p) = %p', (op, values, want) => {
    expect(reduce(op, values)).toBe(want);
  });

  it('flags an empty group as a bug', () => {
    expect(() => reduce('sum', [])).toThrow(/^BUG:/);
  });
});

describe('kahanInc', () => {
  it('carries the lost low-order part in the compensation', () => {
    const [sum, c] = kahanInc(1, 1e100, 0);
    expect(sum).toBe(1e100);
    expect(c).toBe(1);
  });

  it('resets the compensation when the sum overflows', () => {
    expect(kahanInc(Number.MAX_VALUE, Number.MAX_VALUE, 5)).toEqual([Infinity, 0]);
  });
});
