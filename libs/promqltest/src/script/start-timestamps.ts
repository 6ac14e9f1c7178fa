import type { Labels } from '@promethium/model';
import { InvalidDurationError, parseDuration } from '@promethium/model';
import { FragmentError } from '../errors.js';
import { MAX_SEQUENCE_LENGTH } from './sequence.js';
import { parseLabelPart } from './series.js';

const ST_SUFFIX = '@st';
// A signed duration with one unit; `x` is never a unit, so it ends the duration.
const SIGNED_DURATION = /^([+-]?)([0-9]+[a-wyzA-Z]*)/;

/** Whether a load line is a start-timestamp line: `metric{…}@st <offsets>`. */
export function isStartTimestampLine(text: string): boolean {
  const head = /^\S+/.exec(text)?.[0] ?? '';
  return head.endsWith(ST_SUFFIX);
}

/**
 * Parses `metric{…}@st <offsets>`: per sample, the start timestamp's offset from
 * the sample's time in ms (`-1m`, `_` for none, `_xN` for N nones, `<d>xN` for
 * N+1 equal offsets, `<d>+<d>xN` / `<d>-<d>xN` for N+1 offsets in steps).
 * Throws FragmentError with the offset of the offending text.
 */
export function parseStartTimestampLine(text: string): {
  labels: Labels;
  offsets: (number | undefined)[];
} {
  const head = /^\S+/.exec(text)?.[0] ?? '';
  const metric = head.slice(0, -ST_SUFFIX.length);
  const { labels, end } = parseLabelPart(metric);
  if (end !== metric.length) throw new FragmentError('unexpected text before "@st"', end);
  const offsets: (number | undefined)[] = [];
  const item = /\S+/g;
  for (let m = item.exec(text.slice(head.length)); m; m = item.exec(text.slice(head.length))) {
    const at = head.length + m.index;
    for (const offset of parseItem(m[0], at)) offsets.push(offset);
    if (offsets.length > MAX_SEQUENCE_LENGTH) {
      throw new FragmentError(
        `a series line may expand to at most ${MAX_SEQUENCE_LENGTH} values`,
        at,
      );
    }
  }
  return { labels, offsets };
}

function parseItem(item: string, at: number): (number | undefined)[] {
  if (item === '_') return [undefined];
  if (item.startsWith('_x')) {
    const n = count(item.slice(2), at + 2);
    if (n === 0) throw new FragmentError('invalid repetition count "0"', at + 2);
    return Array.from({ length: n }, () => undefined);
  }
  const base = duration(item, at);
  let rest = item.slice(base.length);
  if (rest === '') return [base.ms];
  let delta = 0;
  if (rest[0] === '+' || rest[0] === '-') {
    const step = duration(rest.slice(1), at + base.length + 1);
    delta = rest[0] === '-' ? -step.ms : step.ms;
    rest = rest.slice(1 + step.length);
  }
  if (!rest.startsWith('x')) {
    throw new FragmentError(
      'expected x<count> after the start-timestamp step',
      at + item.length - rest.length,
    );
  }
  const n = count(rest.slice(1), at + item.length - rest.length + 1);
  return Array.from({ length: n + 1 }, (_, i) => base.ms + i * delta);
}

function duration(text: string, at: number): { ms: number; length: number } {
  const m = SIGNED_DURATION.exec(text);
  if (!m) throw new FragmentError('expected a duration such as -1m', at);
  try {
    const ms = parseDuration(m[2]!);
    return { ms: m[1] === '-' ? -ms : ms, length: m[0].length };
  } catch (err) {
    if (err instanceof InvalidDurationError)
      throw new FragmentError(err.message, at, { cause: err });
    throw err;
  }
}

function count(digits: string, at: number): number {
  if (!/^[0-9]+$/.test(digits))
    throw new FragmentError(`invalid repetition count ${JSON.stringify(digits)}`, at);
  const n = Number(digits);
  if (n > MAX_SEQUENCE_LENGTH) {
    throw new FragmentError(
      `a series line may expand to at most ${MAX_SEQUENCE_LENGTH} values`,
      at,
    );
  }
  return n;
}
