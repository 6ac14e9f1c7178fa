#!/usr/bin/env node
// Usage: node libs/promqltest/dist/cli.js [--verbose] [--filter <substr>] [--no-range-check]
//        [--no-at-check] <files...>
// Prints `<file>: P passed, F failed; float: P passed, F failed` per file (with --verbose,
// one line per failure) and closes with `promqltest: P passed, F failed` (every eval) and
// `promqltest-float: P passed, F failed` (native-histogram cases left out). --filter runs only the
// evals whose `<file>:<line> <expr>` contains the text; --no-range-check skips re-running
// instant evals as range queries, --no-at-check upstream's step-invariance re-runs with @
// pinned selectors. A conformance report, not a gate: failing evals still
// exit 0. Exit 1 when a script cannot be read or parsed, 2 for bad usage or when the
// runner itself crashes.
import { parseArgs } from 'node:util';
import { runFiles } from './run/report.js';

const USAGE =
  'usage: promqltest [--verbose] [--filter <substr>] [--no-range-check] [--no-at-check] <files...>';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        verbose: { type: 'boolean', short: 'v' },
        filter: { type: 'string' },
        'no-range-check': { type: 'boolean' },
        'no-at-check': { type: 'boolean' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const totals = await runFiles(positionals, {
    verbose: values.verbose,
    filter: values.filter,
    rangeCheck: !values['no-range-check'],
    atCheck: !values['no-at-check'],
    write: (line) => console.log(line),
    writeError: (line) => console.error(line),
  });
  return totals.scriptErrors > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('promqltest: runner crashed:', err);
    process.exitCode = 2;
  },
);
