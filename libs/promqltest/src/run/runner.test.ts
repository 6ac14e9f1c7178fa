import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '@promethium/model';
import { QueryError } from '@promethium/promql';
import type { QueryResult } from '@promethium/promql';
import { parseScript } from '../script/parse.js';
import type { QueryEngine } from './eval.js';
import { runFiles } from './report.js';
import { runScript } from './runner.js';

const SCRIPT = [
  'load 1m',
  '  up{job="a"} 1 2 3',
  '  up{job="b"} 5 stale',
  '',
  'eval instant at 2m up',
  '  up{job="a"} 3',
  '',
  '# Deliberately wrong: job="b" went stale at 1m.',
  'eval instant at 2m up',
  '  up{job="a"} 3',
  '  up{job="b"} 5',
].join('\n');

/** A hand-written engine answering every query with fixed results (or errors). */
function fakeEngine(
  instant: () => Promise<QueryResult>,
  range: () => Promise<QueryResult>,
): QueryEngine {
  return { instantQuery: instant, rangeQuery: range };
}

const vectorOf = (v: number): QueryResult => ({
  kind: 'vector',
  series: [{ labels: Labels.fromRecord({ __name__: 'm' }), t: 60_000, v }],
  warnings: [],
});
const matrixOf = (v: number): QueryResult => ({
  kind: 'matrix',
  series: [{ labels: Labels.fromRecord({ __name__: 'm' }), samples: [{ t: 60_000, v }] }],
  warnings: [],
});

describe('runScript with the real engine', () => {
  it('passes the matching eval and fails the wrong one', async () => {
    const outcomes = await runScript(parseScript(SCRIPT, 'tiny.test'));
    expect(outcomes.map((o) => [o.line, o.passed])).toEqual([
      [5, true],
      [9, false],
    ]);
    expect(outcomes[1]!.reason).toMatch(/expected series \{__name__="up", job="b"\} not found/);
    expect(outcomes[0]).toEqual({
      file: 'tiny.test',
      line: 5,
      expr: 'up',
      passed: true,
      nativeHistogram: false,
    });
  });

  it('judges expected failures by their message', async () => {
    const script = [
      'eval instant at 0 1 +',
      '  expect fail',
      '',
      'eval instant at 0 1 +',
      '  expect fail msg: something else',
      '',
      'eval instant at 0 1 +',
      '  expect fail regex: parse error',
      '',
      'eval instant at 0 1',
      '  expect fail',
    ].join('\n');
    const outcomes = await runScript(parseScript(script));
    expect(outcomes.map((o) => o.passed)).toEqual([true, false, true, false]);
    expect(outcomes[1]!.reason).toMatch(/expected an error matching "something else", but got: 1:/);
    expect(outcomes[3]!.reason).toMatch(/expected the query to fail, but it returned a scalar/);
  });

  it('fails an eval that reads native histograms even when its result matches', async () => {
    const script = 'load 1m\n  h {{count:1}} 2\n\neval instant at 1m h\n  h 2';
    const [outcome] = await runScript(parseScript(script));
    expect(outcome).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/native histogram/),
    });
  });

  it('marks native-histogram cases: expected histograms, or selectors of histogram series', async () => {
    const script = [
      'load 1m',
      '  h {{count:1}} _ 3',
      '  f 1 2 3',
      '',
      '# Reads only the float part of h (at 1m), yet h holds histograms.',
      'eval instant at 1m h',
      '',
      '# The engine rejects this before reading; its selector still names h.',
      'eval instant at 1m sum(f) + rate(h[1m]) +',
      '  expect fail',
      '',
      'eval instant at 1m label_replace(f, "a", "b", "c", "d")',
      '  f 2',
      '',
      'eval instant at 1m vector(1)',
      '  {} {{count:1}}',
      '',
      'eval instant at 1m sum(f) * scalar(f{x="y"})',
      '  {} NaN',
    ].join('\n');
    const outcomes = await runScript(parseScript(script));
    expect(outcomes.map((o) => [o.line, o.nativeHistogram])).toEqual([
      [6, true],
      [9, false],
      [12, false],
      [15, true],
      [18, false],
    ]);
  });

  it('clears the storage and runs only the selected evals', async () => {
    const script = 'load 1m\n  m 1\n\nclear\neval instant at 0 m\n\neval instant at 0 m\n  m 1';
    const outcomes = await runScript(parseScript(script), { select: (cmd) => cmd.line === 5 });
    expect(outcomes.map((o) => [o.line, o.passed])).toEqual([[5, true]]);
  });
});

describe('runScript checks', () => {
  const script = 'eval instant at 1m m\n  m 1';

  it('re-runs a passing instant eval as a range query and compares the middle step', async () => {
    const consistent = fakeEngine(
      async () => vectorOf(1),
      async () => matrixOf(1),
    );
    const drifting = fakeEngine(
      async () => vectorOf(1),
      async () => matrixOf(2),
    );
    const only = { atCheck: false };
    expect((await runScript(parseScript(script), { ...only, engine: consistent }))[0]!.passed).toBe(
      true,
    );
    const [outcome] = await runScript(parseScript(script), { ...only, engine: drifting });
    expect(outcome!.reason).toMatch(/^range mode: expected 1 for .* but got 2/);
    expect(
      (await runScript(parseScript(script), { ...only, engine: drifting, rangeCheck: false }))[0]!
        .passed,
    ).toBe(true);
  });

  it('re-runs a passing instant eval with @-pinned selectors at other times', async () => {
    // Gives the right answer only for the query as written, as an engine ignoring @ might.
    const ignoresAt: QueryEngine = {
      instantQuery: async (_q, expr) => vectorOf(expr.includes('@') ? 2 : 1),
      rangeQuery: async () => matrixOf(1),
    };
    const [outcome] = await runScript(parseScript(script), {
      engine: ignoresAt,
      rangeCheck: false,
    });
    expect(outcome!.reason).toMatch(/^step invariance \(m @ 60\.000 at -600000ms\): expected 1/);
    const skipped = await runScript(parseScript(script), {
      engine: ignoresAt,
      rangeCheck: false,
      atCheck: false,
    });
    expect(skipped[0]!.passed).toBe(true);
  });

  it('checks annotations the engine reports', async () => {
    const warned = fakeEngine(
      async () => ({ ...vectorOf(1), warnings: ['PromQL warning: odd'] }),
      async () => matrixOf(1),
    );
    const [outcome] = await runScript(
      parseScript('eval instant at 1m m\n  expect no_warn\n  m 1'),
      {
        engine: warned,
      },
    );
    expect(outcome!.reason).toMatch(/unexpected warn annotations/);
  });

  it('fails an eval whose engine throws something other than a QueryError, even under expect fail', async () => {
    const crashing = fakeEngine(
      async () => {
        throw new TypeError('boom');
      },
      async () => matrixOf(1),
    );
    const outcomes = await runScript(
      parseScript('eval instant at 0 m\n  expect fail\n\n' + script),
      {
        engine: crashing,
      },
    );
    expect(outcomes.map((o) => o.reason)).toEqual([
      'engine crashed: TypeError: boom',
      'engine crashed: TypeError: boom',
    ]);
    const failing = fakeEngine(
      async () => {
        throw new QueryError('execution', 'too many samples');
      },
      async () => matrixOf(1),
    );
    expect((await runScript(parseScript(script), { engine: failing }))[0]!.reason).toBe(
      'query failed: too many samples',
    );
  });
});

describe('runFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promqltest-'));
    await writeFile(join(dir, 'tiny.test'), SCRIPT);
    await writeFile(join(dir, 'broken.test'), 'load 1m\n  m 1 x\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports one line per file, failures when verbose, and one closing line', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const totals = await runFiles(
      [join(dir, 'tiny.test'), join(dir, 'broken.test'), join(dir, 'tiny.test')],
      {
        verbose: true,
        write: (l) => lines.push(l),
        writeError: (l) => errors.push(l),
      },
    );
    expect(totals).toEqual({
      passed: 2,
      failed: 2,
      float: { passed: 2, failed: 2 },
      scriptErrors: 1,
    });
    expect(lines).toEqual([
      'tiny.test: 1 passed, 1 failed; float: 1 passed, 1 failed',
      expect.stringMatching(
        /^ {2}tiny\.test:9: up: expected series .*job="b".* not found in result$/,
      ),
      'tiny.test: 1 passed, 1 failed; float: 1 passed, 1 failed',
      expect.stringMatching(/^ {2}tiny\.test:9: up: /),
      'promqltest: 2 passed, 2 failed',
      'promqltest-float: 2 passed, 2 failed',
    ]);
    expect(errors).toEqual([
      'script error: broken.test:2:5: invalid series value "x", expected a number, "_", "stale" or {{…}}',
    ]);
  });

  it('runs only the evals the filter names and reports missing files as script errors', async () => {
    const lines: string[] = [];
    const totals = await runFiles([join(dir, 'tiny.test'), join(dir, 'absent.test')], {
      filter: 'tiny.test:9 ',
      write: (l) => lines.push(l),
    });
    expect(totals).toEqual({
      passed: 0,
      failed: 1,
      float: { passed: 0, failed: 1 },
      scriptErrors: 1,
    });
    expect(lines[0]).toBe('tiny.test: 0 passed, 1 failed; float: 0 passed, 1 failed');
    expect(lines[1]).toMatch(/^script error: cannot read .*absent.test: ENOENT/);
    expect(lines.slice(-2)).toEqual([
      'promqltest: 0 passed, 1 failed',
      'promqltest-float: 0 passed, 1 failed',
    ]);
  });

  it('leaves native-histogram cases out of the float figures', async () => {
    const path = join(dir, 'mixed.test');
    await writeFile(
      path,
      'load 1m\n  h {{count:1}}\n  f 1\n\neval instant at 0 h\n\neval instant at 0 f\n  f 1',
    );
    const lines: string[] = [];
    const totals = await runFiles([path], { write: (l) => lines.push(l) });
    expect(totals.float).toEqual({ passed: 1, failed: 0 });
    expect(lines).toEqual([
      'mixed.test: 1 passed, 1 failed; float: 1 passed, 0 failed',
      'promqltest: 1 passed, 1 failed',
      'promqltest-float: 1 passed, 0 failed',
    ]);
  });
});
