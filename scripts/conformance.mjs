// Runs every conformance suite against the built packages and prints each suite's
// figures: its per-file lines and its closing lines (`<figure>: N passed, N failed`);
// with --verbose, each suite's full report. Data comes from ../shared/conformance next
// to the repository (never copied into it).
// Without --check it is a report: exit 0 even when cases fail. With --check it is the CI
// gate: every figure's passed count is compared with conformance-baseline.json; exit 1
// naming the figure when one dropped below its baseline (or has none), and a request to
// raise the baseline (exit 0) when one rose.
// Exit 1 also when the data or a build is missing or a suite could not run to its end.
//
// Usage: node scripts/conformance.mjs [--verbose] [--check]   (run `pnpm build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, '..', 'shared', 'conformance');
const BASELINE_FILE = 'conformance-baseline.json';
const verbose = process.argv.includes('--verbose');
const check = process.argv.includes('--check');

/**
 * The suites, one entry each: `cli` is a built script under the repository root,
 * `args(dataDir)` its arguments, `figures` the names of its closing lines
 * (`<figure>: N passed, N failed`), which it prints last, in this order. Later suites
 * (alertmanager openapi) are added here.
 */
const SUITES = [
  {
    name: 'promqltest',
    cli: 'libs/promqltest/dist/cli.js',
    args: (data) => filesIn(join(data, 'promqltest'), '.test'),
    figures: ['promqltest', 'promqltest-float'],
  },
  {
    name: 'openmetrics',
    cli: 'libs/exposition/dist/cli/openmetrics-suite.js',
    args: (data) => [join(data, 'openmetrics', 'parsers')],
    figures: ['openmetrics'],
  },
];

function filesIn(dir, ext) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

/** The suite's closing figures as { name: { passed, failed } }, or undefined if any is missing. */
function closingFigures(suite, lines) {
  const closing = lines.slice(-suite.figures.length);
  const figures = {};
  for (const [i, name] of suite.figures.entries()) {
    const m = /^(\S+): (\d+) passed, (\d+) failed$/.exec(closing[i] ?? '');
    if (!m || m[1] !== name) return undefined;
    figures[name] = { passed: Number(m[2]), failed: Number(m[3]) };
  }
  return figures;
}

function runSuite(suite) {
  const cli = join(root, suite.cli);
  if (!existsSync(cli))
    return { ok: false, output: `${suite.name}: ${suite.cli} is missing; run pnpm build` };
  const args = suite.args(dataDir);
  const run = spawnSync(process.execPath, [cli, ...(verbose ? ['--verbose'] : []), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error)
    return { ok: false, output: `${suite.name}: could not start: ${run.error.message}` };
  const output = run.stdout.trimEnd();
  const figures = closingFigures(suite, output.split('\n'));
  const ok = run.status === 0 && figures !== undefined;
  const problem = ok
    ? ''
    : `\n${suite.name}: exited with status ${run.status} without its closing lines (${suite.figures.join(', ')})\n${run.stderr.trimEnd()}`;
  return { ok, output: output + problem, figures };
}

function readBaseline() {
  const path = join(root, BASELINE_FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.error(`conformance: cannot read ${BASELINE_FILE}: ${err.message}`);
    process.exit(1);
  }
}

/** Compares measured figures with the baseline; returns how many figures failed the gate. */
function checkBaseline(measured, baseline) {
  let failures = 0;
  for (const [name, { passed }] of Object.entries(measured)) {
    const base = baseline[name]?.passed;
    if (!Number.isInteger(base)) {
      console.log(
        `conformance: FAIL ${name}: no baseline in ${BASELINE_FILE}; add { "passed": ${passed} }`,
      );
      failures++;
    } else if (passed < base) {
      console.log(
        `conformance: FAIL ${name}: ${passed} passed, below the baseline of ${base} in ${BASELINE_FILE}`,
      );
      failures++;
    } else if (passed > base) {
      console.log(
        `conformance: ${name}: ${passed} passed, above the baseline of ${base}: raise the baseline in ${BASELINE_FILE}`,
      );
    }
  }
  for (const name of Object.keys(baseline)) {
    if (measured[name]) continue;
    console.log(`conformance: FAIL ${name}: in ${BASELINE_FILE} but no suite reported it`);
    failures++;
  }
  return failures;
}

if (!existsSync(dataDir)) {
  console.error(
    `conformance: data directory ${dataDir} is missing (expected ../shared/conformance next to the repository)`,
  );
  process.exit(1);
}
let failedSuites = 0;
const measured = {};
for (const suite of SUITES) {
  const { ok, output, figures } = runSuite(suite);
  console.log(output);
  if (!ok) failedSuites++;
  Object.assign(measured, figures);
}
if (failedSuites > 0) process.exit(1);
if (check && checkBaseline(measured, readBaseline()) > 0) process.exit(1);
process.exit(0);
