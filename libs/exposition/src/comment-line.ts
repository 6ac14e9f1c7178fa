import { Ch, isMetricStart } from './cursor.js';
import type { Cursor } from './cursor.js';
import type { Families } from './families.js';

/**
 * Parses a line starting at `#`: `# HELP name text`, `# TYPE name type`, or any other
 * comment. Stops at the line feed ending the line (or the end of input).
 */
export function parseCommentLine(c: Cursor, families: Families): void {
  c.pos++;
  const keyword = readKeyword(c);
  if (keyword === undefined) return c.skipToLineEnd();
  c.skipBlanks();
  const nameAt = c.pos;
  if (!isMetricStart(c.peek())) c.expected(`metric name after ${keyword}`);
  const name = c.readName(true);
  if (keyword === 'HELP') {
    families.setHelp(name, readHelpText(c, name), nameAt);
    return;
  }
  expectBlank(c, `whitespace after metric name "${name}"`);
  c.skipBlanks();
  const typeAt = c.pos;
  while (!c.atLineEnd() && !isBlankOrCR(c.peek())) c.pos++;
  if (c.pos === typeAt) c.expected(`metric type after metric name "${name}"`);
  const type = c.src.slice(typeAt, c.pos);
  c.skipBlanks();
  if (!c.atLineEnd()) c.expected(`end of line after metric type "${type}"`);
  families.setType(name, type, nameAt, typeAt);
}

// A HELP or TYPE keyword counts only between blanks: `#HELP x` and `# HELPER` are comments.
function readKeyword(c: Cursor): 'HELP' | 'TYPE' | undefined {
  const first = c.peek();
  if (first !== Ch.Space && first !== Ch.Tab) return undefined;
  c.skipBlanks();
  const src = c.src;
  const word = src.startsWith('HELP', c.pos) ? 'HELP' : src.startsWith('TYPE', c.pos) ? 'TYPE' : '';
  const after = c.pos + 4 < c.end ? src.charCodeAt(c.pos + 4) : -1;
  if (word === '' || (after !== Ch.Space && after !== Ch.Tab)) return undefined;
  c.pos += 4;
  return word;
}

function readHelpText(c: Cursor, name: string): string {
  if (c.atLineEnd()) return '';
  expectBlank(c, `whitespace after metric name "${name}"`);
  c.skipBlanks();
  const start = c.pos;
  c.skipToLineEnd();
  const raw = c.src.slice(start, c.pos);
  return raw.includes('\\') ? unescapeHelp(raw) : raw;
}

// Only `\\` and `\n` are escapes in HELP text; any other backslash stays as written.
function unescapeHelp(raw: string): string {
  let out = '';
  let from = 0;
  for (let i = raw.indexOf('\\'); i >= 0 && i + 1 < raw.length; i = raw.indexOf('\\', i)) {
    const next = raw.charCodeAt(i + 1);
    if (next !== Ch.Backslash && next !== 110 /* n */) {
      i++;
      continue;
    }
    out += raw.slice(from, i) + (next === Ch.Backslash ? '\\' : '\n');
    from = i += 2;
  }
  return out + raw.slice(from);
}

function expectBlank(c: Cursor, what: string): void {
  const ch = c.peek();
  if (ch !== Ch.Space && ch !== Ch.Tab) c.expected(what);
}

function isBlankOrCR(ch: number): boolean {
  return ch === Ch.Space || ch === Ch.Tab || ch === Ch.CR;
}
