import { describe, expect, it } from '@jest/globals';
import { FragmentError } from '../errors.js';
import { parseNumberText } from './number.js';
import { MAX_SEQUENCE_LENGTH, parseSequence } from './sequence.js';
import type { SequenceValue } from './types.js';

/** A compact rendering: floats as numbers, markers as strings. */
function render(values: readonly SequenceValue[]): (number | string)[] {
  return values.map((v) => {
    switch (v.kind) {
      case 'float':
        return v.v;
      case 'stale':
        return 'stale';
      case 'omitted':
        return '_';
      case 'histogram':
        return v.histogram.step ? `h${v.histogram.step.op}${v.histogram.step.index}` : 'h';
    }
  });
}

describe('parseSequence', () => {
  it.each([
    ['', []],
    ['1 2 3', [1, 2, 3]],
    ['0+10x3', [0, 10, 20, 30]],
    ['10-2x2', [10, 8, 6]],
    ['-1-1x2', [-1, -2, -3]],
    ['1+-0x0', null],
    ['5x2', [5, 5, 5]],
    ['_ 1 _x2 2 _x0', ['_', 1, '_', '_', 2]],
    ['stale 1 stale', ['stale', 1, 'stale']],
    ['Inf +Inf -inf', [Infinity, Infinity, -Infinity]],
    ['1e3 1e+3+1e3x1 .5 5. 1_000', [1000, 1000, 2000, 0.5, 5, 1000]],
    // The series lexer has no hex: `0x3` is 0 repeated three more times.
    ['0x3', [0, 0, 0, 0]],
    ['010', [8]],
    ['1 \t 2', [1, 2]],
  ] as const)('expands %j', (text, want) => {
    if (want === null) {
      expect(() => parseSequence(text)).toThrow(FragmentError);
      return;
    }
    expect(render(parseSequence(text))).toEqual(want);
  });

  it('keeps NaN as a float, distinct from a staleness marker', () => {
    expect(parseSequence('NaN stale')).toEqual([{ kind: 'float', v: NaN }, { kind: 'stale' }]);
  });

  it('counts by repeated addition, as the upstream harness does', () => {
    const values = render(parseSequence('0+0.1x3'));
    expect(values).toEqual([0, 0.1, 0.1 + 0.1, 0.1 + 0.1 + 0.1]);
    expect(values[3]).not.toBe(0.3);
  });

  it('expands histogram literals and their series', () => {
    const text =
      '{{count:1}} {{schema:0 sum:1 buckets:[1 2]}}x1 {{count:1}}+{{count:2}}x2 {{}}-{{}}x0';
    expect(render(parseSequence(text))).toEqual(['h', 'h', 'h', 'h+0', 'h+1', 'h+2', 'h-0']);
    const [first, second] = parseSequence('{{count:1}}+{{count:2 sum:3}}x1');
    expect(first).toEqual({
      kind: 'histogram',
      histogram: {
        literal: { count: 1 },
        step: { op: '+', delta: { count: 2, sum: 3 }, index: 0 },
      },
    });
    expect(second?.kind).toBe('histogram');
  });

  it.each([
    ['1 abc', 2, /invalid series value "abc"/],
    ['1 2+', 3, /expected a\+bxN/],
    ['1+2', 1, /expected a\+bxN/],
    ['1+2X3', 1, /expected a\+bxN/],
    ['3x', 2, /invalid repetition count ""/],
    ['_xy', 2, /invalid repetition count "y"/],
    ['1..2', 2, /expected a\+bxN/],
    ['-stale', 0, /invalid series value/],
    ['1 {{count:1', 2, /unterminated histogram literal/],
    ['{{bogus:1}}', 2, /unknown histogram field "bogus"/],
    ['{{count:x}}', 8, /invalid number "x"/],
    ['{{counter_reset_hint:maybe}}', 21, /invalid counter_reset_hint/],
    ['{{schema:1.5}}', 9, /schema must be an integer/],
    ['{{count 1}}', 2, /expected a histogram field/],
    ['{{count:1}}*{{count:1}}x2', 11, /after a histogram/],
    [`1x${MAX_SEQUENCE_LENGTH}`, 2, /at most/],
  ])('rejects %j at offset %i', (text, offset, message) => {
    let error: unknown;
    try {
      parseSequence(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FragmentError);
    expect((error as FragmentError).message).toMatch(message);
    expect((error as FragmentError).offset).toBe(offset);
  });
});

describe('parseNumberText', () => {
  it.each([
    ['12', 12],
    ['-0.0000002', -2e-7],
    ['12.34e6', 12340000],
    ['0x1f', 31],
    ['0o17', 15],
    ['017', 15],
    ['08', 8],
    ['0b101', 5],
    ['1_000', 1000],
    ['+Inf', Infinity],
    ['-inf', -Infinity],
    ['infinity', Infinity],
    ['nan', NaN],
    ['9223372036854775808', 9223372036854775808],
  ])('reads %j as %d', (text, want) => {
    expect(parseNumberText(text)).toBe(want);
  });

  it.each(['', 'x', '1e', '1_', '_1', '1__0', '0x', '1e400', '--1', '1 2'])(
    'rejects %j',
    (text) => {
      expect(() => parseNumberText(text)).toThrow(FragmentError);
    },
  );
});
