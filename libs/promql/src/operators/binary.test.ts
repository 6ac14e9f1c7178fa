import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { scalarBinop } from './arithmetic.js';
import type { ValueOp } from './arithmetic.js';
import { binaryOperation } from './binary.js';
import type { Operand } from './binary.js';
import { DEFAULT_MATCHING, SET_MATCHING } from './matching.js';

describe('scalarBinop', () => {
  it.each<[ValueOp, number, number, number]>([
    ['+', 1, 2, 3],
    ['-', 1, 2, -1],
    ['*', 3, -2, -6],
    ['/', 1, 0, Infinity],
    ['/', -1, 0, -Infinity],
    ['/', 0, 0, NaN],
    ['%', 7, 0, NaN],
    ['%', -7.5, 2, -1.5],
    ['^', 2, 0.5, Math.SQRT2],
    ['^', 1, NaN, 1],
    ['atan2', 1, 1, Math.PI / 4],
    ['==', NaN, NaN, 0],
    ['!=', NaN, NaN, 1],
    ['>', 2, 1, 1],
    ['<', 2, 1, 0],
    ['>=', 1, 1, 1],
    ['<=', 2, 1, 0],
  ])('%p %p %p = %p', (op, l, r, want) => {
    expect(scalarBinop(op, l, r)).toBe(want);
  });
});

describe('binaryOperation', () => {
  const vector: Operand = {
    kind: 'vector',
    samples: [{ labels: Labels.fromRecord({ __name__: 'x', a: '1' }), t: 0, v: 4 }],
  };
  const two: Operand = { kind: 'scalar', v: 2 };
  const values = (o: Operand): number[] =>
    o.kind === 'scalar' ? [o.v] : o.samples.map((s) => s.v);

  it.each<[string, Operand, Operand, Operand['kind'], number[]]>([
    ['scalar / scalar', two, two, 'scalar', [1]],
    ['vector / scalar', vector, two, 'vector', [2]],
    ['scalar / vector', two, vector, 'vector', [0.5]],
    ['vector / vector', vector, vector, 'vector', [1]],
  ])('dispatches %s', (_name, lhs, rhs, kind, want) => {
    const got = binaryOperation('/', lhs, rhs, DEFAULT_MATCHING, false);
    expect(got.kind).toBe(kind);
    expect(values(got)).toEqual(want);
  });

  it('runs set operators on vectors and flags scalars as a bug', () => {
    expect(binaryOperation('or', vector, vector, SET_MATCHING, false)).toEqual(vector);
    expect(() => binaryOperation('and', vector, two, SET_MATCHING, false)).toThrow(/^BUG:/);
  });
});
