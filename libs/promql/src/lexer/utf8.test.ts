import { describe, expect, it } from '@jest/globals';
import { goQuote } from '@promethium/model';
import { decodeUtf8Escaped, goQuoteEscaped } from './utf8.js';

describe('decodeUtf8Escaped', () => {
  const cases: [string, number[], string][] = [
    ['valid text', [0x61, 0xc3, 0xa9], 'aé'],
    ['a stray byte', [0x61, 0xc5, 0x7a], 'a\udcc5z'],
    ['a truncated sequence', [0xe2, 0x82], '\udce2\udc82'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
    ['an overlong form', [0xc0, 0xaf], '\udcc0\udcaf'],
  ];
  it.each(cases)('%s', (_name, bytes, want) => {
    expect(decodeUtf8Escaped(Uint8Array.from(bytes))).toBe(want);
  });
});

describe('goQuoteEscaped', () => {
  it.each([
    ['a\udcc5z', '"a\\xc5z"'],
    ['\udcff', '"\\xff"'],
    ['tab\there', '"tab\\there"'],
  ])('%s', (s, want) => {
    expect(goQuoteEscaped(s, goQuote)).toBe(want);
  });
});
