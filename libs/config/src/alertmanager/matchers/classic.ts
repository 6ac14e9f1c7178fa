// The classic matchers syntax (Alertmanager's pkg/labels): a Prometheus label name, an
// operator and a value that may be double-quoted, with tolerant OpenMetrics unescaping.
import { goTrimSpace, isValidUtf8 } from '../go.js';
import { InvalidMatcherError, Matcher } from './matcher.js';
import type { MatchType } from './matcher.js';

// Go's regexp \s is [\t\n\f\r ]; '=~' comes before '=' so that the '~' is not left over.
const MATCHER =
  /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/;

/**
 * Parses a comma-separated list of classic matchers; a leading `{` and a trailing `}` are
 * optional, commas inside double quotes do not separate, and a trailing comma is allowed.
 * Throws InvalidMatcherError with Alertmanager's message.
 */
export function parseClassicMatchers(input: string): Matcher[] {
  let s = input.startsWith('{') ? input.slice(1) : input;
  if (s.endsWith('}')) s = s.slice(0, -1);
  const tokens: string[] = [];
  let token = '';
  let insideQuotes = false;
  let escaped = false;
  for (const ch of s) {
    if (ch === ',' && !insideQuotes) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (ch === '"') {
      if (escaped) escaped = false;
      else insideQuotes = !insideQuotes;
    } else if (ch === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
    token += ch;
  }
  const last = goTrimSpace(token);
  if (last !== '') tokens.push(last);
  return tokens.map(parseClassicMatcher);
}

/** Parses one classic matcher; throws InvalidMatcherError with Alertmanager's message. */
export function parseClassicMatcher(s: string): Matcher {
  const m = MATCHER.exec(s);
  if (!m) throw new InvalidMatcherError(`bad matcher format: ${s}`);
  const [, name = '', op = '', written = ''] = m;
  let raw = written;
  let expectTrailingQuote = false;
  if (raw.startsWith('"')) {
    raw = raw.slice(1);
    expectTrailingQuote = true;
  }
  if (!isValidUtf8(raw)) throw new InvalidMatcherError(`matcher value not valid UTF-8: ${written}`);
  const unquoteProblem = `matcher value contains unescaped double quote: ${written}`;
  let value = '';
  let escaped = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (escaped) {
      escaped = false;
      if (ch === 'n') value += '\n';
      else if (ch === '"' || ch === '\\') value += ch;
      else value += `\\${ch}`; // A spurious escape: the backslash is literal.
      continue;
    }
    if (ch === '\\') {
      if (i < raw.length - 1) escaped = true;
      else value += '\\';
    } else if (ch === '"') {
      if (!expectTrailingQuote || i < raw.length - 1) throw new InvalidMatcherError(unquoteProblem);
      expectTrailingQuote = false;
    } else {
      value += ch;
    }
  }
  if (expectTrailingQuote) throw new InvalidMatcherError(unquoteProblem);
  return new Matcher(op as MatchType, name, value);
}
