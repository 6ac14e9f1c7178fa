import { describe, expect, it } from '@jest/globals';
import { goUnquote, goUnquoteBytes } from './go-unquote.js';

describe("Go's strconv.Unquote", () => {
  it.each([
    ['"abc"', 'abc'],
    ['"a\\tb\\n\\\\\\""', 'a\tb\n\\"'],
    ['"\\u00e9\\U0001F600\\x41\\101"', 'é😀AA'],
    ['`raw \\n\r\n`', 'raw \\n\n'],
    ["'x'", 'x'],
    ["'\\''", "'"],
    ["'\\xff'", 'ÿ'],
    ['""', ''],
  ])('reads %s', (quoted, text) => {
    expect(goUnquote(quoted)).toBe(text);
  });

  it.each([
    ['"abc'],
    ['"a"b"'],
    ['"a\nb"'],
    ['"\\q"'],
    ['"\\\'"'],
    ["'ab'"],
    ["''"],
    ['"\\ud800"'],
    ['"\\400"'],
    ['"\\x4"'],
    ['`a`b`'],
    ['abc'],
  ])('refuses %s', (quoted) => {
    expect(goUnquote(quoted)).toBeUndefined();
  });

  it('keeps the single bytes of \\x and octal escapes in strings', () => {
    expect([...goUnquoteBytes('"\\xff\\377a"')!]).toEqual([0xff, 0xff, 0x61]);
    expect(goUnquote('"\\xff"')).toBe('\ufffd');
  });
});
