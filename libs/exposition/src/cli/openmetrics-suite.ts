#!/usr/bin/env node
// Usage: node libs/exposition/dist/cli/openmetrics-suite.js [--verbose] <parsers dir>
// Runs the OpenMetrics parser conformance cases: each directory under <parsers dir> holds a
// test.json ({"type": "text", "file": <body file>, "shouldParse": true|false}) and the body,
// which is parsed with parseOpenMetrics in strict mode. Prints one line per failing case
// (with --verbose, per case) and closes with `openmetrics: P passed, F failed`. A report,
// not a gate: failing cases still exit 0. Exit 1 when a case cannot be read or the parser
// throws anything but ExpositionError (a bug), 2 for bad usage.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ExpositionError } from '../errors.js';
import { parseOpenMetrics } from '../openmetrics/parse.js';

const USAGE = 'usage: openmetrics-suite [--verbose] <parsers dir>';

interface TestCase {
  type: string;
  file: string;
  shouldParse: boolean;
}

/** A case's verdict: whether it passed, and what the parser did. */
interface Outcome {
  passed: boolean;
  detail: string;
}

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { verbose: { type: 'boolean' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const dir = positionals[0]!;
  const cases = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  let passed = 0;
  for (const name of cases) {
    const outcome = runCase(join(dir, name));
    if (outcome.passed) passed++;
    if (!outcome.passed || values.verbose) {
      console.log(`${outcome.passed ? 'PASS' : 'FAIL'} ${name}: ${outcome.detail}`);
    }
  }
  console.log(`openmetrics: ${passed} passed, ${cases.length - passed} failed`);
  return 0;
}

function runCase(dir: string): Outcome {
  const test = readTestCase(join(dir, 'test.json'));
  if (test.type !== 'text')
    return { passed: false, detail: `unsupported case type "${test.type}"` };
  const verdict = parseVerdict(readFileSync(join(dir, test.file)));
  if (test.shouldParse) {
    return verdict === undefined
      ? { passed: true, detail: 'accepted' }
      : { passed: false, detail: `expected accept, got ${verdict}` };
  }
  return verdict === undefined
    ? { passed: false, detail: 'expected reject, parsed' }
    : { passed: true, detail: `rejected: ${verdict}` };
}

/** Why the body is not a valid exposition, or undefined when it is. */
function parseVerdict(bytes: Uint8Array): string | undefined {
  let body: string;
  try {
    // The spec requires UTF-8 without a byte order mark: keep a BOM for the parser to refuse.
    body = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return 'the body is not valid UTF-8';
  }
  try {
    parseOpenMetrics(body, { strict: true });
    return undefined;
  } catch (err) {
    // Anything but ExpositionError is a parser bug, which must not pass as a rejection.
    if (err instanceof ExpositionError) return err.message;
    throw err;
  }
}

function readTestCase(path: string): TestCase {
  const test = JSON.parse(readFileSync(path, 'utf8')) as Partial<TestCase>;
  if (
    typeof test.type !== 'string' ||
    typeof test.file !== 'string' ||
    typeof test.shouldParse !== 'boolean'
  ) {
    throw new Error(`${path}: want {"type": string, "file": string, "shouldParse": boolean}`);
  }
  return test as TestCase;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`openmetrics-suite: ${(err as Error).message}`);
  process.exitCode = 1;
}
