import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from './errors.js';
import { parsePrometheusText } from './parse.js';

// A fixed seed keeps failures reproducible; the iteration number is in the message.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = `# HELP m_seconds Help \\\\ text\\n.
# TYPE m_seconds histogram
m_seconds_bucket{le="0.5",path="/a\\"b"} 1 1700000000000
m_seconds_bucket{le="+Inf",path="/a\\"b",} 2
m_seconds_sum{path="/a\\"b"} 1.5e-3
m_seconds_count{path="/a\\"b"} 2
# TYPE s summary
s{quantile="0.9"} NaN
  up { job = "x" } -Inf 5
`;
const ALPHABET = '{}="\\,#\n\r\t 0123456789.eE+-_:abcHELPTYPEInfNa\u00e9\u{1F600}';

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
    expect(parsePrometheusText(VALID).samples).toHaveLength(6);
  });

  it('parses or throws ExpositionError for random text', () => {
    const rand = prng(1);
    const chars = [...ALPHABET];
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(rand() * 80);
      let body = '';
      for (let j = 0; j < length; j++) {
        body +=
          rand() < 0.8
            ? chars[Math.floor(rand() * chars.length)]!
            : String.fromCharCode(Math.floor(rand() * 256));
      }
      expectParsesOrExplains(body, `random #${i}`);
    }
  });

  it('parses or throws ExpositionError for mutations of a valid body', () => {
    const rand = prng(2);
    const chars = [...ALPHABET];
    const pick = (s: string) => Math.floor(rand() * (s.length + 1));
    for (let i = 0; i < 5000; i++) {
      let body = VALID;
      for (let m = 1 + Math.floor(rand() * 4); m > 0; m--) {
        const at = pick(body);
        const op = rand();
        const char = chars[Math.floor(rand() * chars.length)]!;
        if (op < 0.35) body = body.slice(0, at) + body.slice(at + 1);
        else if (op < 0.7) body = body.slice(0, at) + char + body.slice(at);
        else if (op < 0.9) body = body.slice(0, at) + char + body.slice(at + 1);
        else body = body.slice(0, at) + body.slice(pick(body));
      }
      expectParsesOrExplains(body, `mutation #${i}`);
    }
  });
});
