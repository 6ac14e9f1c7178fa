import { METRIC_NAME, Matcher } from '@promethium/model';
import type { MatchType } from '@promethium/model';
import type { Token, TokenType } from '../lexer/token.js';
import type { Parser } from './parser.js';
import type { VectorSelector } from './ast.js';

const MATCH_TYPES: Partial<Record<TokenType, MatchType>> = {
  EQL: '=',
  NEQ: '!=',
  EQL_REGEX: '=~',
  NEQ_REGEX: '!~',
};

/**
 * Parses `name`, `name{…}` or `{…}`. Inside braces: `label op "value"` with
 * = != =~ !~, quoted label names, a bare quoted string as the metric name, and a
 * trailing comma. A name before the braces becomes the last matcher, as in Prometheus.
 */
export function parseSelector(p: Parser): VectorSelector {
  const first = p.peek();
  const name = first.type === 'LEFT_BRACE' ? undefined : p.take();
  const start = first.offset;
  let end = name ? name.offset + name.text.length : start;
  const matchers: Matcher[] = [];
  if (p.peek().type === 'LEFT_BRACE') end = parseMatchers(p, matchers);
  if (name) matchers.push(new Matcher('=', METRIC_NAME, name.text));
  return {
    kind: 'VectorSelector',
    name: name?.text ?? '',
    matchers,
    offsetMs: 0,
    offsetExpr: undefined,
    at: undefined,
    anchored: false,
    smoothed: false,
    pos: { start, end },
  };
}

/** Parses `{…}` into `out`; returns the offset after the closing brace. */
function parseMatchers(p: Parser, out: Matcher[]): number {
  p.take();
  for (;;) {
    if (p.peek().type === 'RIGHT_BRACE') return p.take().offset + 1;
    out.push(parseMatcher(p));
    const separator = p.peek().type;
    if (separator === 'COMMA') p.take();
    else if (separator !== 'RIGHT_BRACE') p.unexpected('label matching', '"," or "}"');
  }
}

function parseMatcher(p: Parser): Matcher {
  const label = p.peek();
  if (label.type !== 'IDENTIFIER' && label.type !== 'STRING') {
    p.unexpected('label matching', 'identifier or "}"');
  }
  p.take();
  const type = MATCH_TYPES[p.peek().type];
  if (type === undefined) {
    if (label.type === 'STRING') return newMatcher(p, label, '=', METRIC_NAME, label.value);
    p.unexpected('label matching', 'label matching operator');
  }
  p.take();
  const value = p.peek();
  if (value.type !== 'STRING') p.unexpected('label matching', 'string');
  p.take();
  const name = label.type === 'STRING' ? label.value : label.text;
  return newMatcher(p, label, type, name, value.value);
}

function newMatcher(p: Parser, at: Token, type: MatchType, name: string, value: string): Matcher {
  try {
    return new Matcher(type, name, value);
  } catch (err) {
    return p.fail(at.offset, (err as Error).message, err);
  }
}
