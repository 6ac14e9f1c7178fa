import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { QueryResult } from '@promethium/promql';
import { parseScript } from '../script/parse.js';
import type { EvalCommand } from '../script/types.js';
import { checkAnnotations, splitAnnotations } from './annotations.js';
import { compareResult } from './compare.js';
import { almostEqual, matchesFloat } from './values.js';

const warnings: readonly string[] = [];
const L = (record: Record<string, string>): Labels => Labels.fromRecord(record);

function evalCmd(script: string): EvalCommand {
  const cmd = parseScript(script).commands[0];
  if (cmd?.kind !== 'eval') throw new Error('expected an eval');
  return cmd;
}

function vector(...series: [Labels, number][]): QueryResult {
  return { kind: 'vector', series: series.map(([labels, v]) => ({ labels, t: 0, v })), warnings };
}

function matrix(...series: [Labels, [number, number][]][]): QueryResult {
  const rows = series.map(([labels, points]) => ({
    labels,
    samples: points.map(([t, v]) => ({ t, v })),
  }));
  return { kind: 'matrix', series: rows, warnings };
}

/** Compares as the runner does for the eval's own grid. */
function compare(script: string, result: QueryResult): string | undefined {
  const cmd = evalCmd(script);
  const grid =
    cmd.query.kind === 'range'
      ? cmd.query
      : (cmd.expect.rangeVector ?? { startMs: cmd.query.timeMs, endMs: -Infinity, stepMs: 0 });
  return compareResult(cmd, result, grid);
}

describe('float comparison', () => {
  it.each([
    [1, 1, true],
    [1, 1 + 1e-7, true],
    [1, 1 + 1e-5, false],
    [1e300, 1.0000001e300, true],
    [0, 0, true],
    [0, 1e-300, false],
    [NaN, NaN, true],
    [NaN, 1, false],
    [Infinity, Infinity, true],
    [Infinity, -Infinity, false],
    [-2, 2, false],
  ])('almostEqual(%d, %d) is %s', (a, b, want) => {
    expect(almostEqual(a, b)).toBe(want);
    expect(almostEqual(b, a)).toBe(want);
  });

  it('matches a staleness marker only with a marker', () => {
    expect(matchesFloat({ kind: 'stale' }, NaN, true)).toBe(true);
    expect(matchesFloat({ kind: 'stale' }, NaN)).toBe(false);
    expect(matchesFloat({ kind: 'float', v: NaN }, NaN, true)).toBe(false);
    expect(matchesFloat({ kind: 'float', v: NaN }, NaN)).toBe(true);
    expect(matchesFloat({ kind: 'omitted' }, 0)).toBe(false);
  });
});

describe('compareResult', () => {
  const a = L({ __name__: 'm', x: 'a' });
  const b = L({ __name__: 'm', x: 'b' });
  const instant = 'eval instant at 0 m\n  m{x="a"} 1\n  m{x="b"} 2';

  it.each([
    ['equal sets in any order', vector([b, 2], [a, 1]), undefined],
    ['a value within tolerance', vector([a, 1.0000001], [b, 2]), undefined],
    ['a wrong value', vector([a, 1], [b, 3]), /expected 2 for .*x="b".* but got 3/],
    ['a missing series', vector([a, 1]), /expected series .*x="b".* not found/],
    ['an extra series', vector([a, 1], [b, 2], [L({ x: 'c' }), 3]), /unexpected series \{x="c"\}/],
    [
      'a series without its name',
      vector([L({ x: 'a' }), 1], [b, 2]),
      /unexpected series \{x="a"\}/,
    ],
    ['a scalar', { kind: 'scalar', t: 0, v: 1, warnings }, /expected a vector or matrix result/],
    [
      'a matrix without a range expectation',
      matrix([a, [[0, 1]]], [b, [[0, 2]]]),
      /cannot return this many/,
    ],
  ] as [string, QueryResult, RegExp | undefined][])(
    'for an instant vector: %s',
    (_, result, want) => {
      const problem = compare(instant, result);
      if (want === undefined) expect(problem).toBeUndefined();
      else expect(problem).toMatch(want);
    },
  );

  it('checks positions only under expect ordered', () => {
    const ordered = 'eval instant at 0 m\n  expect ordered\n  m{x="b"} 2\n  m{x="a"} 1';
    expect(compare(ordered, vector([b, 2], [a, 1]))).toBeUndefined();
    expect(compare(ordered, vector([a, 1], [b, 2]))).toMatch(/at position 2 but it was at 1/);
    expect(compare(ordered, matrix([a, [[0, 1]]]))).toMatch(
      /ordered result, but the query returned a matrix/,
    );
  });

  it('requires an empty result when no result line is given', () => {
    expect(compare('eval instant at 0 m', vector())).toBeUndefined();
    expect(compare('eval instant at 0 m', vector([a, 1]))).toMatch(/unexpected series/);
    expect(compare('eval instant at 0 m', matrix())).toBeUndefined();
  });

  it('compares scalars and strings', () => {
    expect(
      compare('eval instant at 0 1\n  +Inf', { kind: 'scalar', t: 0, v: Infinity, warnings }),
    ).toBeUndefined();
    expect(compare('eval instant at 0 1\n  NaN', { kind: 'scalar', t: 0, v: 1, warnings })).toMatch(
      /expected scalar NaN but got 1/,
    );
    expect(compare('eval instant at 0 1\n  1', vector([a, 1]))).toMatch(/expected a scalar result/);
    const str = 'eval instant at 0 "x"\n  expect string "x"';
    expect(compare(str, { kind: 'string', t: 0, v: 'x', warnings })).toBeUndefined();
    expect(compare(str, { kind: 'string', t: 0, v: 'y', warnings })).toMatch(
      /expected string "x" but got "y"/,
    );
  });

  const range = 'eval range from 0 to 2m step 1m m\n  m{x="a"} 1 _ 3\n  m{x="b"} stale 2 2';
  it.each([
    [
      'points on the grid, gaps skipped',
      matrix(
        [
          a,
          [
            [0, 1],
            [120_000, 3],
          ],
        ],
        [b, []],
      ),
      /expected 3 float .*x="b".* but got 0 points/,
    ],
    [
      'a point at the wrong time',
      matrix([
        a,
        [
          [0, 1],
          [60_000, 3],
        ],
      ]),
      /at t=120000, but it is at t=60000/,
    ],
    ['too few points', matrix([a, [[0, 1]]]), /expected 2 float and 0 histogram points/],
    ['unsorted series', matrix([b, []], [a, []]), /not sorted by labels/],
  ] as [string, QueryResult, RegExp][])('for a range query: %s', (_, result, want) => {
    expect(compare(range, result)).toMatch(want);
  });

  it('accepts a matching range result and never matches stale with a float', () => {
    const ok = 'eval range from 0 to 2m step 1m m\n  m{x="a"} 1 _ 3';
    expect(
      compare(
        ok,
        matrix([
          a,
          [
            [0, 1],
            [120_000, 3],
          ],
        ]),
      ),
    ).toBeUndefined();
    expect(
      compare(
        range,
        matrix(
          [
            a,
            [
              [0, 1],
              [120_000, 3],
            ],
          ],
          [
            b,
            [
              [0, NaN],
              [60_000, 2],
              [120_000, 2],
            ],
          ],
        ),
      ),
    ).toMatch(/expected stale at t=0/);
    const tooLong = 'eval range from 0 to 1m step 1m m\n  m{x="a"} 1 2 3';
    expect(compare(tooLong, matrix([a, [[0, 1]]]))).toMatch(/cannot return this many/);
  });

  it('places an instant range-vector result on the expect range vector grid', () => {
    const script =
      'eval instant at 1m m[1m]\n  expect range vector from 20s to 1m step 20s\n  m{x="a"} 1 _ 3';
    expect(
      compare(
        script,
        matrix([
          a,
          [
            [20_000, 1],
            [60_000, 3],
          ],
        ]),
      ),
    ).toBeUndefined();
    expect(
      compare(
        script,
        matrix([
          a,
          [
            [20_000, 1],
            [40_000, 3],
          ],
        ]),
      ),
    ).toMatch(/at t=60000/);
  });

  it('never matches an expected histogram', () => {
    expect(compare('eval instant at 0 m\n  m{x="a"} {{count:1}}', vector([a, 1]))).toMatch(
      /expected a native histogram/,
    );
    expect(
      compare('eval range from 0 to 0 step 1m m\n  m{x="a"} {{count:1}}', matrix([a, []])),
    ).toMatch(/1 histogram points/);
  });
});

describe('annotations', () => {
  const warn = 'PromQL warning: something odd';
  const info = 'PromQL info: by the way';

  it('splits infos from warnings by the info prefix', () => {
    expect(splitAnnotations([warn, info, 'other'])).toEqual({
      warn: [warn, 'other'],
      info: [info],
    });
  });

  it.each([
    ['eval instant at 0 m', [warn, info], undefined],
    ['eval instant at 0 m\n  expect no_warn', [info], undefined],
    ['eval instant at 0 m\n  expect no_warn', [warn], /unexpected warn annotations/],
    ['eval instant at 0 m\n  expect no_info', [info], /unexpected info annotations/],
    ['eval instant at 0 m\n  expect warn', [], /expected warn annotations but got none/],
    ['eval instant at 0 m\n  expect warn', [warn], undefined],
    [`eval instant at 0 m\n  expect warn msg: ${warn}`, [warn], undefined],
    [
      `eval instant at 0 m\n  expect warn msg: ${warn}`,
      [warn, 'PromQL warning: more'],
      /unexpected warn annotation/,
    ],
    ['eval instant at 0 m\n  expect warn msg: nope', [warn], /matching "nope"/],
    ['eval instant at 0 m\n  expect warn regex: odd$', [warn], undefined],
    ['eval instant at 0 m\n  expect info regex: ^PromQL info', [info, warn], undefined],
    ['eval instant at 0 m\n  expect info', [warn], /expected info annotations but got none/],
    ['eval_warn instant at 0 m', [], /expected warn annotations/],
    ['eval_info instant at 0 m', [info], undefined],
  ] as [string, string[], RegExp | undefined][])('%j with %j', (script, annotations, want) => {
    const problem = checkAnnotations(evalCmd(script).expect, annotations);
    if (want === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(want);
  });
});
