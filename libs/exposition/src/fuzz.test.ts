import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from './errors.js';
import { parsePrometheusText } from './parse.js';
import { TEXT_ALPHABET, TEXT_SEED, mutate, prng, randomText } from './testing/fuzz.js';

/** Parses `body`, failing the test unless it parses or throws a well-formed ExpositionError. */
function expectParsesOrExplains(body: string, label: string): void {
  try {
    parsePrometheusText(body);
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
  }
}

describe('parsePrometheusText under fuzzing', () => {
  it('accepts the seed body', () => {
    expect(parsePrometheusText(TEXT_SEED).samples).toHaveLength(6);
  });

  it('parses or throws ExpositionError for random text', () => {
    const rand = prng(1);
    for (let i = 0; i < 3000; i++) {
      expectParsesOrExplains(randomText(rand, TEXT_ALPHABET, 80, true), `random #${i}`);
    }
  });

  it('parses or throws ExpositionError for mutations of a valid body', () => {
    const rand = prng(2);
    for (let i = 0; i < 5000; i++) {
      expectParsesOrExplains(mutate(rand, TEXT_SEED, TEXT_ALPHABET), `mutation #${i}`);
    }
  });
});
