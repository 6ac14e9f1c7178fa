// Inputs for the parsers' fuzz tests: seeded, so a failure names an input that comes back.

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A text-format body using every feature of the format. */
export const TEXT_SEED = `# HELP m_seconds Help \\\\ text\\n.
# TYPE m_seconds histogram
m_seconds_bucket{le="0.5",path="/a\\"b"} 1 1700000000000
m_seconds_bucket{le="+Inf",path="/a\\"b",} 2
m_seconds_sum{path="/a\\"b"} 1.5e-3
m_seconds_count{path="/a\\"b"} 2
# TYPE s summary
s{quantile="0.9"} NaN
  up { job = "x" } -Inf 5
`;

/** Characters that matter to the text format. */
export const TEXT_ALPHABET = '{}="\\,#\n\r\t 0123456789.eE+-_:abcHELPTYPEInfNa\u00e9\u{1F600}';

/** An OpenMetrics body using every feature of the format. */
export const OPENMETRICS_SEED = `# TYPE m_seconds histogram
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

/** Characters that matter to OpenMetrics. */
export const OPENMETRICS_ALPHABET =
  '{}="\\,# \n\r\t0123456789.eE+-_:abcHELPTYPEUNITEOFInfNa\u00e9\u{1F600}';

/** Up to `maxLength` characters, mostly from `alphabet`, the rest any of the first 256 (when `anyByte`). */
export function randomText(
  rand: () => number,
  alphabet: string,
  maxLength: number,
  anyByte: boolean,
): string {
  const chars = [...alphabet];
  let text = '';
  for (let j = Math.floor(rand() * maxLength); j > 0; j--) {
    text +=
      !anyByte || rand() < 0.8
        ? chars[Math.floor(rand() * chars.length)]!
        : String.fromCharCode(Math.floor(rand() * 256));
  }
  return text;
}

/** `body` with one to four random deletions, insertions, replacements or cut spans. */
export function mutate(rand: () => number, body: string, alphabet: string): string {
  const chars = [...alphabet];
  const pick = (s: string) => Math.floor(rand() * (s.length + 1));
  let out = body;
  for (let m = 1 + Math.floor(rand() * 4); m > 0; m--) {
    const at = pick(out);
    const op = rand();
    const char = chars[Math.floor(rand() * chars.length)]!;
    if (op < 0.35) out = out.slice(0, at) + out.slice(at + 1);
    else if (op < 0.7) out = out.slice(0, at) + char + out.slice(at);
    else if (op < 0.9) out = out.slice(0, at) + char + out.slice(at + 1);
    else out = out.slice(0, at) + out.slice(pick(out));
  }
  return out;
}
