import { describe, expect, it } from '@jest/globals';
import { durationSeconds } from './duration-eval.js';
import { ALL_EXPERIMENTAL } from './options.js';
import { parseExpr } from './parser.js';

/** The range expression of `foo[<text>]`. */
function rangeOf(text: string) {
  const e = parseExpr(`foo[${text}]`, ALL_EXPERIMENTAL);
  if (e.kind !== 'MatrixSelector' || e.rangeExpr === undefined)
    throw new Error(`no range expression in ${text}`);
  return e.rangeExpr;
}

describe('durationSeconds', () => {
  const ctx = { stepMs: 5_000, rangeMs: 10_000 };
  it.each([
    ['26m+4m', 1800],
    ['2m*(10+5)', 1800],
    ['24m+((1.5*2m)+2m)', 1740],
    ['-5m+35m', 1800],
    ['1h/2', 1800],
    ['1h30m % 1h', 1800],
    ['30m1s-30m1s % 1m', 1800],
    ['2 ^ 3 ^ 2', 512],
    ['step()', 5],
    ['range()', 10],
    ['-step()*2', -10],
    ['1+(STep()-5)*2', 1],
    ['min_of(step()+1,1h)', 6],
    ['max_of(min_of(step()+1,1h),1ms)', 6],
    ['(5m)', 300],
  ])('%s is %d seconds', (text, want) => {
    expect(durationSeconds(rangeOf(text), ctx)).toBeCloseTo(want, 9);
  });

  it('passes a literal through', () => {
    expect(
      durationSeconds(
        { kind: 'NumberLiteral', value: 3, duration: true, pos: { start: 0, end: 2 } },
        ctx,
      ),
    ).toBe(3);
  });
});
