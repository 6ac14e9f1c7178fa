import { FragmentError } from '../errors.js';
import { parseHistogramLiteral } from './histogram.js';
import { parseNumberAt } from './number.js';
import type { HistogramLiteral, SequenceValue } from './types.js';

/** Longest expansion one line may produce; bounds memory for a typo such as `1x99999999999`. */
export const MAX_SEQUENCE_LENGTH = 1_000_000;

const OMITTED: SequenceValue = { kind: 'omitted' };
const STALE: SequenceValue = { kind: 'stale' };

// A number as the series lexer scans one: no hex (`0x5` is 0 repeated 5 times).
const NUMBER_BODY = String.raw`(?:[iI][nN][fF]|[nN][aA][nN]|\.?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?)`;
const NUMBER_HEAD = new RegExp(`^[+-]?${NUMBER_BODY}`);
const STEP_TAIL = new RegExp(`^([+-])(${NUMBER_BODY})x([0-9]+)$`);

/**
 * Expands a value sequence such as `1 2 _ stale 0+10x3 _x2 {{count:1}}x1` into one
 * value per step. Items are separated by blanks; `axN` is a repeated N+1 times,
 * `a+bxN` / `a-bxN` count from a in N steps of b (by repeated addition, as the
 * harness does), `_xN` is N gaps. Throws FragmentError at the offending item.
 */
export function parseSequence(text: string): SequenceValue[] {
  const out: SequenceValue[] = [];
  for (const item of splitItems(text)) {
    try {
      for (const value of parseItem(item.text, MAX_SEQUENCE_LENGTH - out.length)) out.push(value);
    } catch (err) {
      if (err instanceof FragmentError) {
        throw new FragmentError(err.message, item.offset + err.offset, { cause: err });
      }
      throw err;
    }
  }
  return out;
}

/** Splits on blanks, keeping a `{{…}}` literal (which contains blanks) inside its item. */
function splitItems(text: string): { text: string; offset: number }[] {
  const items: { text: string; offset: number }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const start = i;
    while (i < text.length && !/\s/.test(text[i]!)) {
      if (!text.startsWith('{{', i)) {
        i++;
        continue;
      }
      const close = text.indexOf('}}', i + 2);
      if (close < 0) throw new FragmentError('unterminated histogram literal, missing }}', i);
      i = close + 2;
    }
    if (i > start) items.push({ text: text.slice(start, i), offset: start });
  }
  return items;
}

function parseItem(item: string, room: number): SequenceValue[] {
  if (item === '_') return [OMITTED];
  if (item === 'stale') return [STALE];
  if (item.startsWith('_x')) return repeat(OMITTED, count(item.slice(2), 2, room));
  if (item.startsWith('{{')) return parseHistogramItem(item, room);
  const head = NUMBER_HEAD.exec(item)?.[0];
  if (head === undefined) {
    throw new FragmentError(
      `invalid series value ${JSON.stringify(item)}, expected a number, "_", "stale" or {{…}}`,
      0,
    );
  }
  const first = parseNumberAt(head, 0);
  const rest = item.slice(head.length);
  if (rest === '') return [{ kind: 'float', v: first }];
  if (rest.startsWith('x')) {
    const n = count(rest.slice(1), head.length + 1, room - 1);
    return repeat({ kind: 'float', v: first }, n + 1);
  }
  const step = STEP_TAIL.exec(rest);
  if (!step) {
    const detail = `invalid series value ${JSON.stringify(item)}, expected a+bxN, a-bxN or axN`;
    throw new FragmentError(detail, head.length);
  }
  const delta = parseNumberAt(step[2]!, head.length + 1) * (step[1] === '-' ? -1 : 1);
  const n = count(step[3]!, item.length - step[3]!.length, room - 1);
  const out: SequenceValue[] = [];
  for (let i = 0, v = first; i <= n; i++, v += delta) out.push({ kind: 'float', v });
  return out;
}

function parseHistogramItem(item: string, room: number): SequenceValue[] {
  const firstEnd = item.indexOf('}}') + 2;
  const literal = parseHistogramLiteral(item.slice(0, firstEnd));
  const rest = item.slice(firstEnd);
  if (rest === '') return [{ kind: 'histogram', histogram: { literal } }];
  if (rest.startsWith('x')) {
    const n = count(rest.slice(1), firstEnd + 1, room - 1);
    return repeat({ kind: 'histogram', histogram: { literal } }, n + 1);
  }
  const op = rest[0];
  const times = /x([0-9]+)$/.exec(rest);
  if ((op !== '+' && op !== '-') || !rest.startsWith('{{', 1) || !times) {
    throw new FragmentError(
      'expected x<count>, or +{{…}}x<count> / -{{…}}x<count> after a histogram',
      firstEnd,
    );
  }
  const delta = parseDelta(item.slice(firstEnd + 1, item.length - times[0].length), firstEnd + 1);
  const n = count(times[1]!, item.length - times[1]!.length, room - 1);
  return Array.from({ length: n + 1 }, (_, index) => ({
    kind: 'histogram' as const,
    histogram: { literal, step: { op, delta, index } },
  }));
}

function parseDelta(text: string, offset: number): HistogramLiteral {
  try {
    return parseHistogramLiteral(text);
  } catch (err) {
    if (err instanceof FragmentError)
      throw new FragmentError(err.message, offset + err.offset, { cause: err });
    throw err;
  }
}

/** A repetition count (decimal digits) at `offset`, at most `room`. */
function count(digits: string, offset: number, room: number): number {
  if (!/^[0-9]+$/.test(digits)) {
    throw new FragmentError(`invalid repetition count ${JSON.stringify(digits)}`, offset);
  }
  const n = Number(digits);
  if (n > room) {
    throw new FragmentError(
      `a series line may expand to at most ${MAX_SEQUENCE_LENGTH} values`,
      offset,
    );
  }
  return n;
}

function repeat(value: SequenceValue, n: number): SequenceValue[] {
  return Array.from({ length: n }, () => value);
}
