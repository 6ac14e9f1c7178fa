import { FragmentError } from '../errors.js';
import { parseNumberAt } from './number.js';
import type { HistogramLiteral } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NUMBER_FIELDS = {
  sum: 'sum',
  count: 'count',
  z_bucket: 'zBucket',
  z_bucket_w: 'zBucketW',
} as const;
const INTEGER_FIELDS = { schema: 'schema', offset: 'offset', n_offset: 'nOffset' } as const;
const LIST_FIELDS = {
  buckets: 'buckets',
  n_buckets: 'nBuckets',
  custom_values: 'customValues',
} as const;
const HINTS = new Set(['unknown', 'reset', 'not_reset', 'gauge'] as const);

/**
 * Parses a histogram literal `{{key:value …}}` (the whole text, braces included)
 * into its fields. Values are numbers, `[…]` lists of numbers or, for
 * counter_reset_hint, one of unknown|reset|not_reset|gauge. Every field is optional.
 * Throws FragmentError with the offset of the offending text.
 */
export function parseHistogramLiteral(text: string): HistogramLiteral {
  if (text.length < 4 || !text.startsWith('{{') || !text.endsWith('}}')) {
    throw new FragmentError('a histogram literal must be enclosed in {{ }}', 0);
  }
  const inner = text.slice(2, -2);
  const out: Mutable<HistogramLiteral> = {};
  const field = /\s*([a-z_]+):(\[[^\]]*\]|\S+)\s*/y;
  for (let at = 0; /\S/.test(inner.slice(at)); at = field.lastIndex) {
    field.lastIndex = at;
    const m = field.exec(inner);
    if (!m) {
      const where = 2 + at + (/^\s*/.exec(inner.slice(at))?.[0].length ?? 0);
      throw new FragmentError('expected a histogram field such as buckets:[1 2 3]', where);
    }
    const key = m[1]!;
    setField(out, key, m[2]!, 2 + m.index + m[0].indexOf(':') + 1);
  }
  return out;
}

function setField(out: Mutable<HistogramLiteral>, key: string, raw: string, offset: number): void {
  if (key in NUMBER_FIELDS) {
    out[NUMBER_FIELDS[key as keyof typeof NUMBER_FIELDS]] = parseNumberAt(raw, offset);
  } else if (key in INTEGER_FIELDS) {
    const value = parseNumberAt(raw, offset);
    if (!Number.isInteger(value)) throw new FragmentError(`${key} must be an integer`, offset);
    out[INTEGER_FIELDS[key as keyof typeof INTEGER_FIELDS]] = value;
  } else if (key in LIST_FIELDS) {
    out[LIST_FIELDS[key as keyof typeof LIST_FIELDS]] = list(raw, offset);
  } else if (key === 'counter_reset_hint') {
    const hint = [...HINTS].find((h) => h === raw);
    if (!hint) throw new FragmentError(`invalid counter_reset_hint ${JSON.stringify(raw)}`, offset);
    out.counterResetHint = hint;
  } else {
    throw new FragmentError(
      `unknown histogram field ${JSON.stringify(key)}`,
      offset - key.length - 1,
    );
  }
}

function list(raw: string, offset: number): number[] {
  if (!raw.startsWith('[') || !raw.endsWith(']')) {
    throw new FragmentError('expected a list of numbers in [ ]', offset);
  }
  const values: number[] = [];
  const item = /\S+/g;
  for (let m = item.exec(raw.slice(1, -1)); m; m = item.exec(raw.slice(1, -1))) {
    values.push(parseNumberAt(m[0], offset + 1 + m.index));
  }
  return values;
}
