import { Lexer } from '@promethium/promql';
import RE2 from 're2';
import { ScriptParseError } from '../errors.js';
import type { LineRef } from '../errors.js';
import { parseTime } from './time.js';
import type { TextMatcher, TimeGrid } from './types.js';

/** The kinds of `expect <kind>` line. */
export type ExpectKind = 'ordered' | 'fail' | 'warn' | 'no_warn' | 'info' | 'no_info';

const EXPECT_LINE = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const RANGE_VECTOR_PREFIX = 'expect range vector';
const RANGE_VECTOR_LINE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;
const STRING_PREFIX = 'expect string';

/** Whether a body line is `expect range vector …`. */
export function isRangeVectorLine(text: string): boolean {
  return text.startsWith(RANGE_VECTOR_PREFIX);
}

/** Whether a body line is `expect string …`. */
export function isExpectStringLine(text: string): boolean {
  return text.startsWith(STRING_PREFIX);
}

/** Whether a body line is an `expect <kind> …` line (a metric named expect must be written `expect{}`). */
export function isExpectLine(text: string): boolean {
  return text.split(' ')[0] === 'expect';
}

/** Parses `expect <kind> [msg: <text> | regex: <re>]`; without a message any text matches. */
export function parseExpectLine(
  at: LineRef,
  text: string,
): { kind: ExpectKind; matcher: TextMatcher } {
  const m = EXPECT_LINE.exec(text.trim());
  if (!m) {
    throw new ScriptParseError(
      at,
      'invalid expect line, expected expect <ordered|fail|warn|no_warn|info|no_info> [msg|regex: <text>]',
    );
  }
  const kind = m[1] as ExpectKind;
  if (m[2] === undefined) return { kind, matcher: { kind: 'any' } };
  const body = m[3]!.trim();
  return { kind, matcher: m[2] === 'msg' ? { kind: 'exact', text: body } : compileRegex(at, body) };
}

/** Compiles an (unanchored, Go/RE2 syntax) pattern for matching error or annotation text. */
export function compileRegex(at: LineRef, source: string): TextMatcher {
  try {
    return { kind: 'regex', source, regex: new RE2(source) };
  } catch (err) {
    throw new ScriptParseError(
      at,
      `invalid regex ${JSON.stringify(source)}: ${(err as Error).message}`,
      undefined,
      {
        cause: err,
      },
    );
  }
}

/** Parses `expect range vector from <start> to <end> step <step>`. */
export function parseRangeVectorLine(at: LineRef, text: string): TimeGrid {
  const m = RANGE_VECTOR_LINE.exec(text);
  if (!m) throw new ScriptParseError(at, `invalid range vector definition ${JSON.stringify(text)}`);
  return parseGrid(at, m[1]!, m[2]!, m[3]!);
}

/** Parses the start, end and step of a range; the end may not precede the start. */
export function parseGrid(at: LineRef, start: string, end: string, step: string): TimeGrid {
  const startMs = parseTime(at, start, 'start time');
  const endMs = parseTime(at, end, 'end time');
  if (endMs < startMs) {
    throw new ScriptParseError(at, `end timestamp (${end}) is before start timestamp (${start})`);
  }
  return { startMs, endMs, stepMs: parseTime(at, step, 'step') };
}

/** Parses `expect string <quoted>`: a PromQL string literal ("…", '…' or `…`). */
export function parseExpectString(at: LineRef, text: string): string {
  const quoted = text.slice(STRING_PREFIX.length).trim();
  const invalid = (): never => {
    throw new ScriptParseError(at, 'expect string needs one correctly quoted string literal');
  };
  if (!/^\s/.test(text.slice(STRING_PREFIX.length)) || quoted === '') invalid();
  try {
    const lexer = new Lexer(quoted);
    const token = lexer.next();
    if (token.type === 'STRING' && lexer.next().type === 'EOF') return token.value;
  } catch {
    // A lexical error means the literal is badly quoted; reported below.
  }
  return invalid();
}
