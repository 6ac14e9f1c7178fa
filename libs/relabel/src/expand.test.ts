import { describe, expect, it } from '@jest/globals';
import { expandTemplate } from './expand.js';
import { RelabelRegex } from './regex.js';

// Groups: 1 = "a", 2 (named "word") = "bc", 3 did not participate.
const match = new RelabelRegex('(a)(?P<word>bc)(d)?').match('abc')!;

describe('expandTemplate', () => {
  it.each([
    ['no references', 'plain', 'plain'],
    ['a numbered group', '<$1>', '<a>'],
    ['a braced numbered group', '${1}x', 'ax'],
    ['a name running on with letters', '$1x', ''],
    ['a named group', '$word-', 'bc-'],
    ['a braced named group', '${word}s', 'bcs'],
    ['a named group by number', '$2', 'bc'],
    ['a group that did not participate', '[$3]', '[]'],
    ['a group beyond the last', '[$9]', '[]'],
    ['the whole match', '$0', 'abc'],
    ['a leading zero, read as a name', '$01', ''],
    ['an unknown name', '$nope.', '.'],
    ['a doubled dollar', '$$1', '$1'],
    ['a dollar starting no reference', '$-$', '$-$'],
    ['an unclosed brace', '${1', '${1'],
    ['an empty brace', '${}', '${}'],
  ])('expands %s', (_name, template, want) => {
    expect(expandTemplate(template, match)).toBe(want);
  });
});
