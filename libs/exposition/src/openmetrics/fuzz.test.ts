import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from '../errors.js';
import {
  OPENMETRICS_ALPHABET,
  OPENMETRICS_SEED,
  mutate,
  prng,
  randomText,
} from '../testing/fuzz.js';
import { parseOpenMetrics } from './parse.js';

/** Parses `body` in one mode: the error when it throws a well-formed ExpositionError, undefined when it parses. */
function outcome(body: string, strict: boolean, label: string): ExpositionError | undefined {
  try {
    parseOpenMetrics(body, { strict });
    return undefined;
  } catch (err) {
    if (!(err instanceof ExpositionError)) {
      throw new Error(`${label}: ${JSON.stringify(body)} threw ${String(err)}`, { cause: err });
    }
    const lines = body.split('\n');
    expect(err.line).toBeGreaterThanOrEqual(1);
    expect(err.line).toBeLessThanOrEqual(lines.length);
    expect(err.column).toBeGreaterThanOrEqual(1);
    expect(err.column).toBeLessThanOrEqual(lines[err.line - 1]!.length + 1);
    expect(err.message).toMatch(/^line \d+, column \d+: \S/);
    return err;
  }
}

// Both modes explain every refusal, and what strict mode accepts a scrape accepts too
// (but for timestamps only strict mode keeps beyond ±2^53 ms).
function expectConsistent(body: string, label: string): void {
  const lenient = outcome(body, false, label);
  const strict = outcome(body, true, label);
  if (strict === undefined && lenient !== undefined) {
    expect(`${label}: ${lenient.detail}`).toMatch(/out of range \(beyond ±2\^53 ms\)$/);
  }
}

describe('parseOpenMetrics under fuzzing', () => {
  it('accepts the seed body in both modes', () => {
    expect(parseOpenMetrics(OPENMETRICS_SEED, { strict: true }).samples).toHaveLength(8);
    expect(parseOpenMetrics(OPENMETRICS_SEED).samples).toHaveLength(8);
  });

  it('parses or explains random text', () => {
    const rand = prng(3);
    for (let i = 0; i < 3000; i++) {
      const body = randomText(rand, OPENMETRICS_ALPHABET, 80, false);
      expectConsistent(rand() < 0.5 ? body : `${body}\n# EOF`, `random #${i}`);
    }
  });

  it('parses or explains mutations of a valid body', () => {
    const rand = prng(4);
    for (let i = 0; i < 5000; i++) {
      expectConsistent(mutate(rand, OPENMETRICS_SEED, OPENMETRICS_ALPHABET), `mutation #${i}`);
    }
  });
});
