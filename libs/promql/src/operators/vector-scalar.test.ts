import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import type { ValueOp } from './arithmetic.js';
import { DUPLICATE_LABELSET } from './unique.js';
import { vectorScalarBinop } from './vector-scalar.js';

const vec = (...specs: [Record<string, string>, number][]): InstantSample[] =>
  specs.map(([rec, v]) => ({ labels: Labels.fromRecord(rec), t: 3, v }));
const show = (samples: InstantSample[]): string[] => samples.map((s) => `${s.labels} ${s.v}`);

const temps = vec(
  [{ __name__: 'temp', __unit__: 'celsius', room: 'a' }, 10],
  [{ __name__: 'temp', room: 'b' }, 25],
  [{ __name__: 'temp', room: 'c' }, NaN],
);

describe('vectorScalarBinop', () => {
  it.each<[string, ValueOp, number, boolean, boolean, string[]]>([
    [
      'arithmetic drops the name and metadata labels',
      '*',
      2,
      false,
      false,
      ['{room="a"} 20', '{room="b"} 50', '{room="c"} NaN'],
    ],
    [
      'scalar on the left keeps operand order',
      '-',
      100,
      true,
      false,
      ['{room="a"} 90', '{room="b"} 75', '{room="c"} NaN'],
    ],
    [
      'division by zero gives ±Inf',
      '/',
      0,
      false,
      false,
      ['{room="a"} Infinity', '{room="b"} Infinity', '{room="c"} NaN'],
    ],
    [
      'filtering keeps the vector value and name',
      '>',
      15,
      false,
      false,
      ['{__name__="temp", room="b"} 25'],
    ],
    [
      'scalar on the left still yields the vector value',
      '<',
      15,
      true,
      false,
      ['{__name__="temp", room="b"} 25'],
    ],
    [
      'bool yields 0/1 for all, NaN compares false',
      '>',
      15,
      false,
      true,
      ['{room="a"} 0', '{room="b"} 1', '{room="c"} 0'],
    ],
    [
      'power with Go semantics',
      '^',
      0.5,
      false,
      false,
      ['{room="a"} 3.1622776601683795', '{room="b"} 5', '{room="c"} NaN'],
    ],
    [
      'modulo keeps the sign of the dividend',
      '%',
      -3,
      false,
      false,
      ['{room="a"} 1', '{room="b"} 1', '{room="c"} NaN'],
    ],
    ['atan2', 'atan2', 0, true, false, ['{room="a"} 0', '{room="b"} 0', '{room="c"} NaN']],
  ])('%s', (_name, op, scalar, scalarOnLeft, returnBool, want) => {
    expect(show(vectorScalarBinop(op, temps, scalar, scalarOnLeft, returnBool))).toEqual(want);
  });

  it('refuses results that collapse onto one label set once names are dropped', () => {
    const two = vec([{ __name__: 'x', a: '1' }, 1], [{ __name__: 'y', a: '1' }, 2]);
    expect(() => vectorScalarBinop('+', two, 1, false, false)).toThrow(DUPLICATE_LABELSET);
    expect(vectorScalarBinop('>', two, 0, false, false)).toHaveLength(2);
  });
});
