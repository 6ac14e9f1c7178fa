// Go's regexp as templates use it (match, reReplaceAll), on RE2 so that patterns from
// configuration cannot take exponential time. Matching is unanchored, as regexp.MatchString;
// replacement expands $1, ${1}, $name and $$ as Go's Regexp.Expand does.
import RE2 from 're2';
import { errorMessage } from './errors.js';
import { canBackquote, quote } from './strconv.js';
import { expandTemplate } from '@promethium/relabel';

const COMPILED = new Map<string, RE2>();
const MAX_CACHED = 500;

// RE2's error texts ("missing ): (a") in Go's words ("missing closing ): `(a`").
const GO_MESSAGES: readonly [RegExp, string][] = [
  [/^missing \)/, 'missing closing )'],
  [/^missing \]/, 'missing closing ]'],
  [/^no argument for repetition operator/, 'missing argument to repetition operator'],
  [/^bad repetition operator/, 'invalid nested repetition operator'],
  [/^invalid repetition size/, 'invalid repeat count'],
  [/^invalid named capture group/, 'invalid named capture'],
  [/^trailing \\/, 'trailing backslash at end of expression'],
];

/** Go's `error parsing regexp: ...` text for a pattern RE2 rejects. */
function goSyntaxError(message: string): string {
  const colon = message.indexOf(': ');
  const code = colon < 0 ? message : message.slice(0, colon);
  const arg = colon < 0 ? '' : message.slice(colon + 2);
  const goCode = GO_MESSAGES.find(([re]) => re.test(code))?.[1] ?? code;
  return `error parsing regexp: ${goCode}: \`${arg}\``;
}

/** A compiled pattern (global, for iterating matches); throws Go's parse error text. */
function compile(pattern: string): RE2 {
  const cached = COMPILED.get(pattern);
  if (cached !== undefined) return cached;
  let re: RE2;
  try {
    re = new RE2(pattern, 'g');
  } catch (e) {
    throw new Error(goSyntaxError(errorMessage(e)), { cause: e });
  }
  if (COMPILED.size >= MAX_CACHED) COMPILED.delete(COMPILED.keys().next().value!);
  COMPILED.set(pattern, re);
  return re;
}

/** As regexp.MustCompile fails: `regexp: Compile(`(a`): error parsing regexp: ...`. */
function mustCompile(pattern: string): RE2 {
  try {
    return compile(pattern);
  } catch (e) {
    const shown = canBackquote(pattern) ? '`' + pattern + '`' : quote(pattern);
    throw new Error(`regexp: Compile(${shown}): ${errorMessage(e)}`, { cause: e });
  }
}

/** Go's regexp.MatchString: whether `s` contains a match of `pattern`. */
export function matchString(pattern: string, s: string): boolean {
  const re = compile(pattern);
  re.lastIndex = 0;
  return re.test(s);
}

/**
 * Go's regexp.MustCompile(pattern).ReplaceAllString(src, repl): every match replaced by `repl`
 * with its references expanded; an empty match right after a match is not replaced.
 */
export function replaceAllString(pattern: string, src: string, repl: string): string {
  const re = mustCompile(pattern);
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    re.lastIndex = searchPos;
    const m = re.exec(src);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    out += src.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expandTemplate(repl, m);
    lastMatchEnd = end;
    const width =
      searchPos < src.length ? String.fromCodePoint(src.codePointAt(searchPos)!).length : 1;
    searchPos = searchPos + width > end ? searchPos + width : end;
  }
  return out + src.slice(lastMatchEnd);
}
