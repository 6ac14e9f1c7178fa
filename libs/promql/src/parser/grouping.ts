import { goQuote } from '@promethium/model';
import type { Token } from '../lexer/token.js';
import type { Parser } from './parser.js';

// Keywords, aggregators and other words the lexer turns into tokens are label names here.
const WORD = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function isLabelToken(token: Token): boolean {
  return token.type === 'STRING' || (token.type !== 'NUMBER' && WORD.test(token.text));
}

/**
 * Parses `(label, …)` as by/without/on/ignoring/group_x take it: identifiers, words the
 * lexer treats as keywords, or quoted names; a trailing comma is allowed.
 */
export function parseGroupingLabels(p: Parser): string[] {
  p.expect('LEFT_PAREN', 'grouping opts', '"("');
  const labels: string[] = [];
  if (p.peek().type === 'RIGHT_PAREN') {
    p.take();
    return labels;
  }
  for (;;) {
    const token = p.peek();
    if (!isLabelToken(token)) p.unexpected('grouping opts', 'label');
    p.take();
    const label = token.type === 'STRING' ? token.value : token.text;
    if (label === '') p.fail(token.offset, `invalid label name for grouping: ${goQuote(label)}`);
    labels.push(label);
    const separator = p.peek().type;
    if (separator === 'RIGHT_PAREN') break;
    if (separator !== 'COMMA') p.unexpected('grouping opts', '"," or ")"');
    p.take();
    if (p.peek().type === 'RIGHT_PAREN') break;
  }
  p.take();
  return labels;
}
