import { Labels, METRIC_NAME } from '@promethium/model';
import { Lexer, ParseError } from '@promethium/promql';
import type { Token } from '@promethium/promql';
import { FragmentError } from '../errors.js';
import { parseSequence } from './sequence.js';
import type { SequenceValue } from './types.js';

const METRIC_NAME_TEXT = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A series description: `name{label="value", …} <value sequence>`. */
export interface SeriesDescription {
  readonly labels: Labels;
  readonly values: SequenceValue[];
}

/**
 * Parses `name{l="v",…} values`, `{__name__="name",…} values` or `{"quoted name"} values`
 * (PromQL string syntax, only `=` matchers) followed by a value sequence, which may be
 * empty. Throws FragmentError with the offset of the offending text.
 */
export function parseSeriesDescription(text: string): SeriesDescription {
  const { labels, end } = parseLabelPart(text);
  const rest = text.slice(end);
  if (rest !== '' && !/^\s/.test(rest)) {
    throw new FragmentError('expected a blank between the series and its values', end);
  }
  try {
    return { labels, values: parseSequence(rest) };
  } catch (err) {
    if (err instanceof FragmentError)
      throw new FragmentError(err.message, end + err.offset, { cause: err });
    throw err;
  }
}

/** Parses the label part of a series description; `end` is the offset just after it. */
export function parseLabelPart(text: string): { labels: Labels; end: number } {
  const lexer = new Lexer(text);
  const next = (): Token => {
    try {
      return lexer.next();
    } catch (err) {
      if (err instanceof ParseError)
        throw new FragmentError(err.detail, err.position.offset, { cause: err });
      throw err;
    }
  };
  const pairs: [string, string][] = [];
  const first = next();
  if (first.type !== 'LEFT_BRACE') {
    if (first.type === 'STRING' || !METRIC_NAME_TEXT.test(first.text)) {
      throw new FragmentError('expected a metric name or "{"', first.offset);
    }
    pairs.push([METRIC_NAME, first.text]);
    const end = first.offset + first.text.length;
    if (text[end] !== '{') return { labels: Labels.fromPairs(pairs), end };
    next();
  }
  const end = parseBraces(next, pairs);
  return { labels: Labels.fromPairs(pairs), end };
}

/** Reads `label="value"` pairs up to the closing brace; returns the offset after it. */
function parseBraces(next: () => Token, pairs: [string, string][]): number {
  for (let token = next(); ; token = next()) {
    if (token.type === 'RIGHT_BRACE') return token.offset + 1;
    if (token.type !== 'IDENTIFIER' && token.type !== 'STRING') {
      throw new FragmentError('expected a label name or "}"', token.offset);
    }
    const name = token.type === 'STRING' ? token.value : token.text;
    let separator = next();
    if (separator.type === 'EQL') {
      const value = next();
      if (value.type !== 'STRING')
        throw new FragmentError('expected a quoted label value', value.offset);
      pairs.push([name, value.value]);
      separator = next();
    } else if (token.type === 'STRING') {
      // A quoted string on its own is the metric name, as in `{"my.metric"}`.
      pairs.push([METRIC_NAME, name]);
    } else {
      throw new FragmentError('expected "=" after the label name', separator.offset);
    }
    if (separator.type === 'RIGHT_BRACE') return separator.offset + 1;
    if (separator.type !== 'COMMA')
      throw new FragmentError('expected "," or "}"', separator.offset);
  }
}
