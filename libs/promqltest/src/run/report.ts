import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ScriptParseError } from '../errors.js';
import { parseScript } from '../script/parse.js';
import type { Script } from '../script/types.js';
import { runScript } from './runner.js';
import type { EvalOutcome, RunOptions } from './runner.js';

/** Options of runFiles. */
export interface ReportOptions extends Pick<RunOptions, 'engine' | 'rangeCheck' | 'atCheck'> {
  /** Also print the first line of every failure. */
  readonly verbose?: boolean;
  /** Runs only evals whose `<file>:<line> <expr>` contains this text. */
  readonly filter?: string;
  /** Receives the report line by line. */
  readonly write: (line: string) => void;
  /** Receives script errors; defaults to `write`. */
  readonly writeError?: (line: string) => void;
}

/** Passed and failed evals. */
export interface Tally {
  readonly passed: number;
  readonly failed: number;
}

/**
 * Totals over every file: every eval, and `float` the evals that are not
 * native-histogram cases; `scriptErrors` counts files that could not be read or parsed.
 */
export interface ReportTotals extends Tally {
  readonly float: Tally;
  readonly scriptErrors: number;
}

/**
 * Runs each script file and reports one line per file (`name.test: P passed, F
 * failed; float: P passed, F failed`), with `verbose` one indented line per failure
 * (`name.test:LINE: expr: reason`), then the closing lines `promqltest: P passed, F
 * failed` (every eval) and `promqltest-float: P passed, F failed` (the evals that
 * are not native-histogram cases, see isNativeHistogramCase). A file that
 * cannot be read or parsed is reported through `writeError` and counted in
 * `scriptErrors`; the other files still run.
 */
export async function runFiles(
  files: readonly string[],
  options: ReportOptions,
): Promise<ReportTotals> {
  const writeError = options.writeError ?? options.write;
  const all = { passed: 0, failed: 0 };
  const float = { passed: 0, failed: 0 };
  let scriptErrors = 0;
  for (const path of files) {
    const name = basename(path);
    const script = await loadScript(path, name);
    if (typeof script === 'string') {
      scriptErrors++;
      writeError(`script error: ${script}`);
      continue;
    }
    const filter = options.filter;
    const outcomes = await runScript(script, {
      engine: options.engine,
      rangeCheck: options.rangeCheck,
      atCheck: options.atCheck,
      select:
        filter === undefined
          ? undefined
          : (cmd) => `${name}:${cmd.line} ${cmd.expr}`.includes(filter),
    });
    const fileAll = tally(outcomes);
    const fileFloat = tally(outcomes.filter((o) => !o.nativeHistogram));
    add(all, fileAll);
    add(float, fileFloat);
    options.write(`${name}: ${describe(fileAll)}; float: ${describe(fileFloat)}`);
    if (!options.verbose) continue;
    for (const f of outcomes.filter((o) => !o.passed))
      options.write(`  ${name}:${f.line}: ${f.expr}: ${firstLine(f.reason ?? '')}`);
  }
  options.write(`promqltest: ${describe(all)}`);
  options.write(`promqltest-float: ${describe(float)}`);
  return { ...all, float, scriptErrors };
}

/** The parsed script, or why it could not be read or parsed. */
async function loadScript(path: string, name: string): Promise<Script | string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return `cannot read ${path}: ${(err as Error).message}`;
  }
  try {
    return parseScript(text, name);
  } catch (err) {
    if (err instanceof ScriptParseError) return err.message;
    throw err;
  }
}

function tally(outcomes: readonly EvalOutcome[]): Tally {
  const passed = outcomes.filter((o) => o.passed).length;
  return { passed, failed: outcomes.length - passed };
}

function add(total: { passed: number; failed: number }, part: Tally): void {
  total.passed += part.passed;
  total.failed += part.failed;
}

function describe(t: Tally): string {
  return `${t.passed} passed, ${t.failed} failed`;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}
