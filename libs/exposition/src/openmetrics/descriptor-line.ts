import { Ch, isMetricStart } from '../cursor.js';
import type { Cursor } from '../cursor.js';
import { isOpenMetricsType } from './family-types.js';
import type { OpenMetricsFamilies } from './families.js';

/**
 * Parses a line starting with `#`: `# HELP`, `# TYPE`, `# UNIT` or `# EOF` (OpenMetrics
 * has no other comments). Returns true for `# EOF`, after checking that nothing but one
 * line feed follows it. Otherwise stops at the line feed ending the line.
 */
export function parseDescriptorLine(
  c: Cursor,
  families: OpenMetricsFamilies,
  strict: boolean,
): boolean {
  c.pos++;
  if (c.peek() !== Ch.Space) c.expected(`' ' after '#' (OpenMetrics has no comments)`);
  c.pos++;
  const wordAt = c.pos;
  while (isUpper(c.peek())) c.pos++;
  const word = c.src.slice(wordAt, c.pos);
  if (word === 'EOF') return expectEnd(c);
  if (word !== 'HELP' && word !== 'TYPE' && word !== 'UNIT') {
    const got = word === '' ? c.describe(wordAt) : JSON.stringify(word);
    return c.fail(`expected HELP, TYPE, UNIT or EOF after "# ", got ${got}`, wordAt);
  }
  if (c.peek() !== Ch.Space) c.expected(`' ' after ${word}`);
  c.pos++;
  const nameAt = c.pos;
  if (!isMetricStart(c.peek())) c.expected(`metric name after ${word}`);
  const name = c.readName(true);
  if (c.peek() !== Ch.Space) c.expected(`' ' after metric name "${name}"`);
  c.pos++;
  const valueAt = c.pos;
  let value: string;
  if (word === 'HELP') value = readHelp(c, strict);
  else if (word === 'TYPE') value = readType(c);
  else value = readUnit(c);
  families.describe(word, name, value, nameAt, valueAt);
  return false;
}

// `# EOF` ends the exposition: one optional line feed may follow, nothing else.
function expectEnd(c: Cursor): true {
  if (c.peek() === Ch.LF) c.endLine();
  else if (c.pos < c.end) c.expected('end of line after "# EOF"');
  if (c.pos < c.end) c.fail('unexpected text after "# EOF" (it must be the last line)');
  return true;
}

function readType(c: Cursor): string {
  const at = c.pos;
  while (!c.atLineEnd() && !isBlankOrCR(c.peek())) c.pos++;
  const type = c.src.slice(at, c.pos);
  if (!isOpenMetricsType(type)) {
    c.fail(
      `unknown metric type "${type}" (want counter, gauge, histogram, gaugehistogram, summary, stateset, info or unknown)`,
      at,
    );
  }
  if (!c.atLineEnd()) c.expected(`end of line after metric type "${type}"`);
  return type;
}

// A unit has metric-name characters only. (Prometheus takes the rest of the line, but
// then refuses any unit that is not a suffix of the name, which such a unit cannot be.)
function readUnit(c: Cursor): string {
  const at = c.pos;
  c.readName(true);
  if (!c.atLineEnd()) c.expected('end of line after the unit');
  return c.src.slice(at, c.pos);
}

/**
 * Reads HELP text to the end of the line, decoding `\\`, `\"` and `\n`; other escapes
 * stay as written. A backslash ending the line escapes nothing: strict mode refuses it.
 */
function readHelp(c: Cursor, strict: boolean): string {
  const start = c.pos;
  c.skipToLineEnd();
  const end = c.pos;
  const src = c.src;
  let i = src.indexOf('\\', start);
  if (i < 0 || i >= end) return src.slice(start, end);
  let out = '';
  let from = start;
  for (; i >= 0 && i < end; i = src.indexOf('\\', i)) {
    if (i + 1 === end) {
      if (strict) c.fail('HELP text ends in a lone backslash', i);
      break;
    }
    const next = src.charCodeAt(i + 1);
    const decoded =
      next === Ch.Backslash ? '\\' : next === Ch.Quote ? '"' : next === 110 ? '\n' : '';
    if (decoded !== '') {
      out += src.slice(from, i) + decoded;
      from = i + 2;
    }
    i += 2;
  }
  return out + src.slice(from, end);
}

function isUpper(ch: number): boolean {
  return ch >= 65 && ch <= 90;
}

function isBlankOrCR(ch: number): boolean {
  return ch === Ch.Space || ch === Ch.Tab || ch === Ch.CR;
}
