import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { QueryError } from '../errors.js';
import type { InstantSample } from '../engine/result.js';
import type { ValueOp } from './arithmetic.js';
import { DEFAULT_MATCHING } from './matching.js';
import type { VectorMatching } from './matching.js';
import { vectorBinop } from './vector-binop.js';

const vec = (...specs: [Record<string, string>, number][]): InstantSample[] =>
  specs.map(([rec, v]) => ({ labels: Labels.fromRecord(rec), t: 7, v }));
const show = (samples: InstantSample[]): string[] => samples.map((s) => `${s.labels} ${s.v}`);
const m = (over: Partial<VectorMatching>): VectorMatching => ({ ...DEFAULT_MATCHING, ...over });

const disk = vec(
  [{ __name__: 'used', host: 'h1', dev: 'sda' }, 30],
  [{ __name__: 'used', host: 'h1', dev: 'sdb' }, 50],
  [{ __name__: 'used', host: 'h2', dev: 'sda' }, 20],
);
const size = vec(
  [{ __name__: 'size', host: 'h1', dev: 'sda' }, 60],
  [{ __name__: 'size', host: 'h1', dev: 'sdb' }, 50],
  [{ __name__: 'size', host: 'h3', dev: 'sda' }, 10],
);
const owner = vec(
  [{ __name__: 'owner', host: 'h1', team: 'red' }, 2],
  [{ __name__: 'owner', host: 'h2', team: 'blue' }, 4],
);

describe('vectorBinop', () => {
  it.each<[string, ValueOp, InstantSample[], InstantSample[], VectorMatching, boolean, string[]]>([
    [
      'one-to-one arithmetic drops the name',
      '/',
      disk,
      size,
      DEFAULT_MATCHING,
      false,
      ['{dev="sda", host="h1"} 0.5', '{dev="sdb", host="h1"} 1'],
    ],
    [
      'a false comparison filters, the left value and name stay',
      '<',
      disk,
      size,
      DEFAULT_MATCHING,
      false,
      ['{__name__="used", dev="sda", host="h1"} 30'],
    ],
    [
      'bool keeps every match as 0/1 and drops the name',
      '<',
      disk,
      size,
      DEFAULT_MATCHING,
      true,
      ['{dev="sda", host="h1"} 1', '{dev="sdb", host="h1"} 0'],
    ],
    [
      'on() keeps only the matching labels',
      '-',
      vec([{ __name__: 'a', host: 'h1', x: '1' }, 5]),
      vec([{ __name__: 'b', host: 'h1', y: '2' }, 3]),
      m({ on: true, labels: ['host'] }),
      false,
      ['{host="h1"} 2'],
    ],
    [
      'on(__name__) compares against itself and keeps the name for comparisons',
      '==',
      vec([{ __name__: 'a', x: '1' }, 5]),
      vec([{ __name__: 'a', x: '2' }, 5]),
      m({ on: true, labels: ['__name__'] }),
      false,
      ['{__name__="a"} 5'],
    ],
    [
      'ignoring() removes the ignored labels',
      '*',
      vec([{ __name__: 'a', host: 'h1', x: '1' }, 5]),
      vec([{ __name__: 'b', host: 'h1', x: '2' }, 3]),
      m({ labels: ['x'] }),
      false,
      ['{host="h1"} 15'],
    ],
    [
      'group_left copies include labels from the one side and keeps the rest',
      '*',
      disk,
      owner,
      m({ card: 'many-to-one', on: true, labels: ['host'], include: ['team'] }),
      false,
      [
        '{dev="sda", host="h1", team="red"} 60',
        '{dev="sdb", host="h1", team="red"} 100',
        '{dev="sda", host="h2", team="blue"} 80',
      ],
    ],
    [
      'group_right keeps operand order for the value and labels from the many side',
      '-',
      owner,
      disk,
      m({ card: 'one-to-many', on: true, labels: ['host'] }),
      false,
      ['{dev="sda", host="h1"} -28', '{dev="sdb", host="h1"} -48', '{dev="sda", host="h2"} -16'],
    ],
    [
      'group_right comparisons yield the left (one side) value',
      '<',
      owner,
      disk,
      m({ card: 'one-to-many', on: true, labels: ['host'] }),
      false,
      [
        '{__name__="used", dev="sda", host="h1"} 2',
        '{__name__="used", dev="sdb", host="h1"} 2',
        '{__name__="used", dev="sda", host="h2"} 4',
      ],
    ],
    [
      'an include label missing on the one side is removed from the result',
      '+',
      vec([{ __name__: 'a', host: 'h1', team: 'old' }, 1]),
      vec([{ __name__: 'b', host: 'h1' }, 1]),
      m({ card: 'many-to-one', on: true, labels: ['host'], include: ['team'] }),
      false,
      ['{host="h1"} 2'],
    ],
    [
      'NaN compares unequal, so != keeps it',
      '!=',
      vec([{ a: '1' }, NaN]),
      vec([{ a: '1' }, NaN]),
      DEFAULT_MATCHING,
      false,
      ['{a="1"} NaN'],
    ],
    ['an empty side matches nothing', '+', disk, [], DEFAULT_MATCHING, false, []],
  ])('%s', (_name, op, lhs, rhs, matching, returnBool, want) => {
    expect(show(vectorBinop(op, lhs, rhs, matching, returnBool))).toEqual(want);
  });

  it('keeps the evaluation time of the left operand', () => {
    expect(vectorBinop('+', disk, size, DEFAULT_MATCHING, false)[0]?.t).toBe(7);
  });
});

describe('vectorBinop fill modifiers', () => {
  const left = vec([{ __name__: 'l', k: 'a' }, 1], [{ __name__: 'l', k: 'b' }, 2]);
  const right = vec([{ __name__: 'r', k: 'b' }, 20], [{ __name__: 'r', k: 'c' }, 30]);

  it.each<[string, ValueOp, Partial<VectorMatching>, boolean, string[]]>([
    [
      'fill on both sides',
      '+',
      { fillLhs: 0, fillRhs: 0 },
      false,
      ['{k="a"} 1', '{k="b"} 22', '{k="c"} 30'],
    ],
    ['fill_left only', '+', { fillLhs: 100 }, false, ['{k="b"} 22', '{k="c"} 130']],
    ['fill_right only', '-', { fillRhs: 5 }, false, ['{k="a"} -4', '{k="b"} -18']],
    [
      'filtering keeps the (filled) left value and only the real left name',
      '<',
      { fillLhs: 25, fillRhs: 25 },
      false,
      ['{__name__="l", k="a"} 1', '{__name__="l", k="b"} 2', '{k="c"} 25'],
    ],
    [
      'bool with fill',
      '>',
      { fillLhs: 25, fillRhs: 0 },
      true,
      ['{k="a"} 1', '{k="b"} 0', '{k="c"} 0'],
    ],
  ])('%s', (_name, op, over, returnBool, want) => {
    expect(show(vectorBinop(op, left, right, m(over), returnBool))).toEqual(want);
  });

  it('fills against an empty side', () => {
    expect(show(vectorBinop('+', [], right, m({ fillLhs: 1 }), false))).toEqual([
      '{k="b"} 21',
      '{k="c"} 31',
    ]);
  });

  it('fills a missing many side with the match group labels for group_left', () => {
    const many = vec([{ __name__: 'req', code: '200', m: 'get' }, 5]);
    const one = vec([{ __name__: 'lim', code: '200' }, 10], [{ __name__: 'lim', code: '404' }, 7]);
    const matching = m({ card: 'many-to-one', on: true, labels: ['code'], fillLhs: 0 });
    expect(show(vectorBinop('+', many, one, matching, false))).toEqual([
      '{code="200", m="get"} 15',
      '{code="404"} 7',
    ]);
  });
});

describe('vectorBinop fill with group_right', () => {
  // Prometheus applies fill_right to the missing "one" side and fill_left to the missing
  // "many" side after swapping operands for group_right; this pins that behaviour.
  const one = vec([{ host: 'h1' }, 10], [{ host: 'h9' }, 90]);
  const many = vec([{ host: 'h1', cpu: '0' }, 1], [{ host: 'h2', cpu: '0' }, 2]);
  const matching = m({ card: 'one-to-many', on: true, labels: ['host'] });

  it.each<[string, Partial<VectorMatching>, string[]]>([
    [
      'fill_left stands in for a missing many side',
      { fillLhs: 3 },
      ['{cpu="0", host="h1"} 11', '{host="h9"} 93'],
    ],
    [
      'fill_right stands in for a missing one side',
      { fillRhs: 5 },
      ['{cpu="0", host="h1"} 11', '{cpu="0", host="h2"} 7'],
    ],
  ])('%s', (_name, fill, want) => {
    expect(show(vectorBinop('+', one, many, { ...matching, ...fill }, false))).toEqual(want);
  });
});

describe('vectorBinop errors', () => {
  const failure = (fn: () => unknown): QueryError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof QueryError) return e;
      throw e;
    }
    throw new Error('expected a QueryError');
  };

  it('refuses two series of one match group on the one side, naming both', () => {
    const err = failure(() =>
      vectorBinop('+', owner, disk, m({ on: true, labels: ['host'] }), false),
    );
    expect(err.code).toBe('execution');
    expect(err.message).toBe(
      'found duplicate series for the match group {host="h1"} on the right hand-side of the ' +
        'operation: [{__name__="used", dev="sda", host="h1"}, {__name__="used", dev="sdb", host="h1"}]' +
        ';many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });

  it('names the left side for group_right', () => {
    const err = failure(() =>
      vectorBinop('+', disk, owner, m({ card: 'one-to-many', on: true, labels: ['host'] }), false),
    );
    expect(err.message).toContain('on the left hand-side of the operation');
  });

  it('quotes label names that are not legacy names in the message', () => {
    const one = vec([{ 'a.b': 'x', n: '1' }, 1], [{ 'a.b': 'x', n: '2' }, 1]);
    const err = failure(() => vectorBinop('+', one, one, m({ on: true, labels: ['a.b'] }), false));
    expect(err.message).toContain('match group {"a.b"="x"}');
  });

  it('demands group_left when many left series match one right series', () => {
    const err = failure(() =>
      vectorBinop('>', disk, owner, m({ on: true, labels: ['host'] }), false),
    );
    expect(err.message).toBe(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
  });

  it('refuses group_left results that collapse to one label set', () => {
    const matching = m({ card: 'many-to-one', on: true, labels: ['host'] });
    const many = vec([{ host: 'h1', x: '1' }, 1], [{ host: 'h1', x: '1', __name__: 'b' }, 2]);
    const err = failure(() => vectorBinop('+', many, owner, matching, false));
    expect(err.message).toBe(
      'multiple matches for labels: grouping labels must ensure unique matches',
    );
  });

  it('flags a many-to-many matching as a bug', () => {
    expect(() => vectorBinop('+', disk, size, m({ card: 'many-to-many' }), false)).toThrow(/^BUG:/);
  });
});
