import { describe, expect, it } from '@jest/globals';
import { goFixed6, goQuote, goQuoteRune, goUnicode } from './go-quote.js';

describe('Go formatting', () => {
  it.each([
    ['abc', '"abc"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['tab\there\nnl', '"tab\\there\\nnl"'],
    ['\x00\x7f', '"\\x00\\x7f"'],
    ['é台北', '"é台北"'],
    ['\u2028', '"\\u2028"'],
  ])('goQuote(%j) = %s', (s, want) => {
    expect(goQuote(s)).toBe(want);
  });

  it('quotes runes and code points like %q and %#U', () => {
    expect(goQuoteRune(33)).toBe("'!'");
    expect(goQuoteRune(39)).toBe("'\\''");
    expect(goQuoteRune(-1)).toBe("'\uFFFD'");
    expect(goUnicode(99)).toBe("U+0063 'c'");
    expect(goUnicode(10)).toBe('U+000A');
  });

  it('prints %f with six decimals', () => {
    expect([1.5, -Infinity, NaN, 1e21].map(goFixed6)).toEqual([
      '1.500000',
      '-Inf',
      'NaN',
      '1000000000000000000000.000000',
    ]);
  });
});
