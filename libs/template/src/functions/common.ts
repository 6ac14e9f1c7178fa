// Helpers shared by the Alertmanager and Prometheus function sets: Go's string case mapping,
// golang.org/x/text title casing, and prometheus/common's numeric conversions.
import { TemplateArgumentError } from '../errors.js';
import { sprintf } from '../fmt.js';
import { parseFloat } from '../strconv.js';
import { GoDuration, GoTime } from '../time.js';
import { expectString, typeName } from '../values.js';

/** Go's strings.ToUpper: per-character simple case mapping (ß stays ß). */
export function toUpper(v: unknown): string {
  return mapRunes(expectString(v), (ch) => ch.toUpperCase());
}

/** Go's strings.ToLower: per-character simple case mapping (no final sigma). */
export function toLower(v: unknown): string {
  return mapRunes(expectString(v), (ch) => (ch === '\u0130' ? 'i' : ch.toLowerCase()));
}

function mapRunes(s: string, map: (ch: string) => string): string {
  // ASCII needs no per-character care.
  if (/^\p{ASCII}*$/u.test(s)) return map(s);
  let out = '';
  for (const ch of s) {
    const mapped = map(ch);
    // A mapping to several characters is a special casing Go's simple mapping does not apply.
    out += [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

const WORDS = new Intl.Segmenter('en', { granularity: 'word' });
const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u;

/**
 * golang.org/x/text/cases.Title for English: the first cased letter of each word (Unicode word
 * boundaries: "don't" and "a.b" are one word, "with-hyphens" two) upper-cased, the rest of the
 * word lower-cased unless `keepRest` (cases.NoLower).
 */
export function title(s: string, keepRest: boolean): string {
  let out = '';
  for (const { segment, isWordLike } of WORDS.segment(s)) {
    if (!isWordLike) {
      out += segment;
      continue;
    }
    const m = CASED.exec(segment);
    if (m === null) {
      out += segment;
      continue;
    }
    const rest = segment.slice(m.index + m[0].length);
    out += segment.slice(0, m.index) + m[0].toUpperCase() + (keepRest ? rest : rest.toLowerCase());
  }
  return out;
}

/** Go's strings.TrimSpace: Unicode white space at both ends. */
export function trimSpace(v: unknown): string {
  return expectString(v).replace(GO_SPACE_ENDS, '');
}

const GO_SPACE_ENDS =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** prometheus/common's ConvertToFloat: numbers, numeric strings and durations (as seconds). */
export function convertToFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return parseFloat(v);
  if (v instanceof GoDuration) return v.Seconds();
  throw new Error(`can't convert ${typeName(v)} to float`);
}

/** Go's %.4g, the precision every humanize function prints with. */
export function g4(v: number): string {
  return sprintf('%.4g', [v]);
}

/** prometheus/common's HumanizeDuration: seconds as `1d 2h 3m 4s`, `1.234s` or `100ms`. */
export function humanizeDuration(i: unknown): string {
  let v = convertToFloat(i);
  if (Number.isNaN(v) || !Number.isFinite(v)) return g4(v);
  if (v === 0) return g4(v) + 's';
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const duration = Math.trunc(v);
    const seconds = duration % 60;
    const minutes = Math.trunc(duration / 60) % 60;
    const hours = Math.trunc(duration / 3600) % 24;
    const days = Math.trunc(duration / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(v)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${g4(v)}${prefix}s`;
}

const MAX_INT64 = 2 ** 63;

/** prometheus/common's FloatToTime: seconds since the epoch, truncated to milliseconds, in UTC. */
export function floatToTime(v: number): GoTime {
  const ns = v * 1e9;
  if (ns >= MAX_INT64 || ns < -MAX_INT64) {
    throw new Error(
      `${sprintf('%v', [v])} cannot be represented as a nanoseconds timestamp since it overflows int64`,
    );
  }
  const ms = BigInt(Math.trunc(ns)) / 1_000_000n;
  return GoTime.fromUnixNano(ms * 1_000_000n);
}

/** The elements of a string-slice argument ([]string in Go). */
export function expectStrings(v: unknown): string[] {
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  throw new TemplateArgumentError(`wrong type for value; expected []string; got ${typeName(v)}`);
}
