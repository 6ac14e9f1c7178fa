import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from '../errors.js';
import { parseOpenMetrics } from './parse.js';

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

const VALID = `# TYPE m_seconds histogram
# UNIT m_seconds seconds
# HELP m_seconds Help \\\\ text\\n.
m_seconds_bucket{le="0.5",path="/a\\"b"} 1 # {trace_id="x"} 0.25 1700000000.5
m_seconds_bucket{le="+Inf",path="/a\\"b"} 2
m_seconds_sum{path="/a\\"b"} 1.5e-3
m_seconds_count{path="/a\\"b"} 2
m_seconds_created{path="/a\\"b"} 1700000000
# TYPE s summary
s{quantile="0.9"} NaN 12.5
# TYPE c counter
c_total +Inf
# TYPE st stateset
st{st="on"} 1
# EOF
`;
const ALPHABET = '{}="\\,# \n\r\t0123456789.eE+-_:abcHELPTYPEUNITEOFInfNa\u00e9\u{1F600}';

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
    expect(parseOpenMetrics(VALID, { strict: true }).samples).toHaveLength(8);
    expect(parseOpenMetrics(VALID).samples).toHaveLength(8);
  });

  it('parses or explains random text', () => {
    const rand = prng(3);
    const chars = [...ALPHABET];
    for (let i = 0; i < 3000; i++) {
      let body = '';
      for (let j = Math.floor(rand() * 80); j > 0; j--) {
        body += chars[Math.floor(rand() * chars.length)]!;
      }
      expectConsistent(rand() < 0.5 ? body : `${body}\n# EOF`, `random #${i}`);
    }
  });

  it('parses or explains mutations of a valid body', () => {
    const rand = prng(4);
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
      expectConsistent(body, `mutation #${i}`);
    }
  });
});
