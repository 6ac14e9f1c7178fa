import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { ScriptParseError } from '../errors.js';
import { parseScript } from './parse.js';
import type { Command, EvalCommand, LoadCommand } from './types.js';

function only<K extends Command['kind']>(script: string, kind: K): Extract<Command, { kind: K }>[] {
  return parseScript(script, 't.test').commands.filter(
    (c): c is Extract<Command, { kind: K }> => c.kind === kind,
  );
}

function evalOf(script: string): EvalCommand {
  const [cmd] = only(script, 'eval');
  if (!cmd) throw new Error('no eval in script');
  return cmd;
}

function errorOf(script: string): ScriptParseError {
  try {
    parseScript(script, 't.test');
  } catch (err) {
    if (err instanceof ScriptParseError) return err;
    throw err;
  }
  throw new Error('script parsed without error');
}

describe('parseScript: load', () => {
  it('reads series, intervals, comments and blank-line-terminated bodies', () => {
    const cmds = only(
      [
        '# a comment',
        'load 30s',
        '  up{job="a", instance="x"} 1 2',
        '\t{__name__="up", job="b"} 0+1x2',
        '',
        'load_with_nhcb 1m',
        '  h_bucket{le="1"} 1',
      ].join('\n'),
      'load',
    );
    expect(cmds).toHaveLength(2);
    const [first, second] = cmds as [LoadCommand, LoadCommand];
    expect(first).toMatchObject({ line: 2, intervalMs: 30_000, withNhcb: false });
    expect(first.series.map((s) => [s.line, s.labels.toString(), s.values.length])).toEqual([
      [3, '{__name__="up", instance="x", job="a"}', 2],
      [4, '{__name__="up", job="b"}', 3],
    ]);
    // Keywords are matched case-insensitively to pick the command; its header is then strict.
    expect(() => parseScript('LOAD_WITH_NHCB 1m\n  a 1')).toThrow(/invalid load command/);
    expect(second).toMatchObject({ line: 6, intervalMs: 60_000, withNhcb: true });
  });

  it('attaches start-timestamp lines to the following series line', () => {
    const [load] = only(
      ['load 1m', '  m{a="1"}@st _ -1m-1mx1 _x1 10s', '  m{a="1"} 1 2 3 4 5'].join('\n'),
      'load',
    );
    expect(load!.series[0]!.startOffsets).toEqual([
      undefined,
      -60_000,
      -120_000,
      undefined,
      10_000,
    ]);
  });

  it('lets a command follow clear on the next line', () => {
    const kinds = parseScript('clear\nload 1m\n  a 1\n\nCLEAR\neval instant at 0 a').commands.map(
      (c) => c.kind,
    );
    expect(kinds).toEqual(['clear', 'load', 'clear', 'eval']);
  });
});

describe('parseScript: eval', () => {
  it('reads an instant eval with set-based expectations', () => {
    const cmd = evalOf('eval instant at 1m30s up{job="a"}\n  up{job="a"} 1\n  {} NaN');
    expect(cmd).toMatchObject({
      line: 1,
      expr: 'up{job="a"}',
      query: { kind: 'instant', timeMs: 90_000 },
    });
    expect(cmd.expect).toMatchObject({ fail: undefined, ordered: false, rangeVector: undefined });
    expect(cmd.expect.warn).toEqual({ required: false, matchers: [], forbidden: false });
    expect(
      cmd.result.kind === 'series' && cmd.result.series.map((s) => [s.labels, s.position]),
    ).toEqual([
      [Labels.fromRecord({ __name__: 'up', job: 'a' }), 1],
      [Labels.EMPTY, 2],
    ]);
  });

  it('reads a range eval whose expression contains blanks', () => {
    const cmd = evalOf('eval range from 0 to 2m step 1m foo > 2 or bar\n  foo _ 3 5');
    expect(cmd.query).toEqual({ kind: 'range', startMs: 0, endMs: 120_000, stepMs: 60_000 });
    expect(cmd.expr).toBe('foo > 2 or bar');
  });

  it('reads every expect line', () => {
    const cmd = evalOf(
      [
        'eval instant at 0 x',
        '  expect fail regex: bad.*thing',
        '  expect ordered',
        '  expect warn msg: PromQL warning: w',
        '  expect warn',
        '  expect no_info',
      ].join('\n'),
    );
    expect(cmd.expect.fail?.matchers).toMatchObject([{ kind: 'regex', source: 'bad.*thing' }]);
    expect(cmd.expect.ordered).toBe(true);
    expect(cmd.expect.warn.matchers).toEqual([
      { kind: 'exact', text: 'PromQL warning: w' },
      { kind: 'any' },
    ]);
    expect(cmd.expect.info).toEqual({ required: false, matchers: [], forbidden: true });
    expect(
      evalOf('eval instant at 0 x\n  expect info regex:^PromQL').expect.info.matchers,
    ).toMatchObject([{ kind: 'regex', source: '^PromQL' }]);
  });

  it('reads the legacy eval_* forms', () => {
    const failing = evalOf('eval_fail instant at 0 x\n  expected_fail_message some error');
    expect(failing.expect.fail?.matchers).toEqual([{ kind: 'exact', text: 'some error' }]);
    expect(
      evalOf('eval_fail instant at 0 x\n  expected_fail_regexp a|b').expect.fail?.matchers,
    ).toMatchObject([{ kind: 'regex', source: 'a|b' }]);
    expect(evalOf('eval_fail range from 0 to 1m step 1m x').expect.fail).toEqual({ matchers: [] });
    expect(evalOf('eval_warn instant at 0 x').expect.warn.required).toBe(true);
    expect(evalOf('eval_info range from 0 to 1m step 1m x').expect.info.required).toBe(true);
    expect(evalOf('eval_ordered instant at 0 x').expect.ordered).toBe(true);
  });

  it('ends the body after an expected_fail line or a scalar result', () => {
    expect(() =>
      parseScript('eval_fail instant at 0 x\n  expected_fail_message boom\n  more'),
    ).toThrow(/<script>:3: invalid command "more"/);
    const kinds = parseScript('eval instant at 0 1\n  1\nclear').commands.map((c) => c.kind);
    expect(kinds).toEqual(['eval', 'clear']);
    expect(evalOf('eval instant at 0 0x10\n  0x10').result).toEqual({ kind: 'scalar', value: 16 });
  });

  it('evaluates an instant range-vector expectation at the range end', () => {
    const cmd = evalOf(
      'eval instant at 1m m[1m]\n  expect range vector from 10s to 1m step 10s\n  m 1 2 _ 4 5',
    );
    expect(cmd.expect.rangeVector).toEqual({ startMs: 10_000, endMs: 60_000, stepMs: 10_000 });
    expect(cmd.query).toEqual({ kind: 'instant', timeMs: 60_000 });
  });

  it.each([
    ['expect string "a\\tb"', 'a\tb'],
    ['expect string `raw\\n`', 'raw\\n'],
    ['expect string ""', ''],
    ["expect string ' x '", ' x '],
  ])('reads %s', (line, want) => {
    expect(evalOf(`eval instant at 0 "s"\n  ${line}`).expect.string).toBe(want);
  });
});

describe('parseScript errors', () => {
  it.each([
    ['frobnicate 1m', 1, undefined, /invalid command "frobnicate 1m"/],
    ['load\n', 1, undefined, /invalid load command/],
    ['load 1x', 1, undefined, /invalid interval "1x"/],
    ['load 1m\n  up{job="a" 1', 2, 12, /unexpected character inside braces/],
    ['load 1m\n  up{job="a" b="c"} 1', 2, 12, /expected "," or "}"/],
    ['load 1m\n  up{job="a"}1', 2, 12, /expected a blank between/],
    ['load 1m\n  "up" 1', 2, 1, /expected a metric name/],
    ['load 1m\n  up{job=~"a"} 1', 2, 7, /expected "=" after the label name/],
    ['load 1m\n  up 1 2 oops', 2, 8, /invalid series value "oops"/],
    ['load 1m\n  up{job="a} 1', 2, 8, /unterminated quoted string/],
    ['load 1m\n  m@st -1m\n', 2, undefined, /@st line has no following sample line/],
    ['load 1m\n  m@st -1m\n  n 1', 2, undefined, /@st metric does not match/],
    ['load 1m\n  m@st -1mx1\n  m 1', 2, undefined, /@st line has 2 values but sample line has 1/],
    ['load 1m\n  m@st 5q\n  m 1', 2, 6, /unknown unit "q"/],
    ['eval instant x', 1, undefined, /invalid eval command/],
    ['eval instant at 1q x', 1, undefined, /invalid evaluation time "1q"/],
    ['eval range from 2m to 1m step 1m x', 1, undefined, /end timestamp \(1m\) is before start/],
    [
      'eval instant at 0 x\n  expect fail\n  expect fail msg: a',
      3,
      undefined,
      /at most one expect fail/,
    ],
    ['eval instant at 0 x\n  expect warn\n  expect no_warn', 3, undefined, /warn and no_warn/],
    ['eval instant at 0 x\n  expect no_info\n  expect info', 3, undefined, /info and no_info/],
    ['eval instant at 0 x\n  expect sometimes', 2, undefined, /invalid expect line/],
    ['eval instant at 0 x\n  expect fail regex: (a', 2, undefined, /invalid regex "\(a"/],
    ['eval_fail instant at 0 x\n  expected_fail_regexp (a', 2, undefined, /invalid regex/],
    ['eval instant at 0 x\n  x 1 2', 2, undefined, /expect range vector/],
    [
      'eval instant at 0 x\n  expect range vector from 1m to 0 step 1s',
      2,
      undefined,
      /before start/,
    ],
    [
      'eval range from 0 to 1m step 1m x\n  expect range vector from 0 to 1m step 1m',
      2,
      undefined,
      /only valid for instant/,
    ],
    [
      'eval range from 0 to 1m step 1m x\n  expect string "a"',
      2,
      undefined,
      /only valid for instant/,
    ],
    ['eval instant at 0 "a"\n  expect string', 2, undefined, /one correctly quoted string/],
    ['eval instant at 0 "a"\n  expect string "a', 2, undefined, /one correctly quoted string/],
    ['eval instant at 0 "a"\n  expect string "a" "b"', 2, undefined, /one correctly quoted string/],
  ])('rejects %j at line %i column %s', (script, line, column, message) => {
    const err = errorOf(script);
    expect(err.message).toMatch(message);
    expect(err).toMatchObject({ file: 't.test', line, column, code: 'script_parse_error' });
    expect(
      err.message.startsWith(`t.test:${line}${column === undefined ? '' : `:${column}`}: `),
    ).toBe(true);
  });
});
