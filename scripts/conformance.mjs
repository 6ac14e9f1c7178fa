// Runs every conformance suite against the built packages and prints each suite's
// closing line (`<suite>: N passed, N failed`); with --verbose, each suite's full report.
// Data comes from ../shared/conformance next to the repository (never copied into it).
// Exit code: 0 even when cases fail (it is a report, not a gate); 1 when the data or a
// build is missing or a suite could not run to its end.
//
// Usage: node scripts/conformance.mjs [--verbose]   (run `pnpm build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, '..', 'shared', 'conformance');
const verbose = process.argv.includes('--verbose');

/**
 * The suites, one entry each: `cli` is a built script under the repository root,
 * `args(dataDir)` its arguments. A suite prints `<name>: N passed, N failed` as its
 * last line. Later suites (openmetrics, alertmanager openapi) are added here.
 */
const SUITES = [
  {
    name: 'promqltest',
    cli: 'libs/promqltest/dist/cli.js',
    args: (data) => filesIn(join(data, 'promqltest'), '.test'),
  },
];

function filesIn(dir, ext) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
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
  const lines = run.stdout.trimEnd().split('\n');
  const closing = lines.at(-1) ?? '';
  const ok = run.status === 0 && closing.startsWith(`${suite.name}: `);
  const output = verbose ? run.stdout.trimEnd() : closing;
  const problem = ok
    ? ''
    : `\n${suite.name}: exited with status ${run.status}\n${run.stderr.trimEnd()}`;
  return { ok, output: output + problem };
}

if (!existsSync(dataDir)) {
  console.error(
    `conformance: data directory ${dataDir} is missing (expected ../shared/conformance next to the repository)`,
  );
  process.exit(1);
}
let failedSuites = 0;
for (const suite of SUITES) {
  const { ok, output } = runSuite(suite);
  console.log(output);
  if (!ok) failedSuites++;
}
process.exit(failedSuites > 0 ? 1 : 0);
