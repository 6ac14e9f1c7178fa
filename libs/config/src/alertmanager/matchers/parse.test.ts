import { describe, expect, it } from '@jest/globals';
import { parseClassicMatchers } from './classic.js';
import type { Matcher } from './matcher.js';
import { parseMatcher, parseMatchers, parseMatchersDetailed } from './parse.js';
import { parseUtf8Matcher, parseUtf8Matchers } from './utf8.js';

type Triple = [string, string, string];

function triples(matchers: Matcher[]): Triple[] {
  return matchers.map((m) => [m.name, m.type, m.value]);
}

function failure(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a failure');
}

// Cases from Alertmanager's matcher/parse tests.
describe('UTF-8 matchers parser', () => {
  it.each<[string, Triple[]]>([
    ['', []],
    ['{}', []],
    ['{foo=bar}', [['foo', '=', 'bar']]],
    ['{foo=bar,}', [['foo', '=', 'bar']]],
    ['{foo!=bar}', [['foo', '!=', 'bar']]],
    ['{foo=~[a-z]+}', [['foo', '=~', '[a-z]+']]],
    ['{foo!~[a-z]+}', [['foo', '!~', '[a-z]+']]],
    ['{foo=🙂bar}', [['foo', '=', '🙂bar']]],
    ['foo=bar,', [['foo', '=', 'bar']]],
    ['{"foo"="bar"}', [['foo', '=', 'bar']]],
    ['{"foo"=~"\\\\d+"}', [['foo', '=~', '\\d+']]],
    ['{"foo"="\\xf0\\x9f\\x99\\x82"}', [['foo', '=', '🙂']]],
    ['{"foo"="\\U0001f642"}', [['foo', '=', '🙂']]],
    ['{"foo"="bar\\n"}', [['foo', '=', 'bar\n']]],
    ['{"foo"="\\"bar\\""}', [['foo', '=', '"bar"']]],
    ['{"foo"="bar\\\\"}', [['foo', '=', 'bar\\']]],
    ['"foo"="bar",', [['foo', '=', 'bar']]],
    [
      '{foo="bar",bar!="baz"}',
      [
        ['foo', '=', 'bar'],
        ['bar', '!=', 'baz'],
      ],
    ],
    ['{ "a b" = "c d" }', [['a b', '=', 'c d']]],
  ])('parses %j', (input, expected) => {
    expect(triples(parseUtf8Matchers(input))).toEqual(expected);
  });

  it.each([
    [',', '0:1: unexpected ,: expected label name'],
    ['{,}', '1:2: unexpected ,: expected label name'],
    ['{', '0:1: end of input: expected close brace'],
    ['}', '0:1: }: expected opening brace'],
    ['foo=bar}', '0:8: }: expected opening brace'],
    ['{foo=bar', '0:8: end of input: expected close brace'],
    ['{foo=:"bar"}', '6:11: unexpected "bar": expected a comma or close brace'],
    ['{foo="bar\\w"}', '5:12: "bar\\w": invalid input'],
    ['{"foo"=~"\\d+"}', '8:13: "\\d+": invalid input'],
    ['{foo=bar\\n}', '8:9: \\: invalid input: expected a comma or close brace'],
    ['{"foo"="\\xf0\\x9f"}', '7:17: "\\xf0\\x9f": invalid input'],
    ['{foo="bar}', '5:10: "bar}: missing end ": expected label value'],
    [
      '{foo!bar}',
      "4:5: !: expected one of '=~': expected an operator such as '=', '!=', '=~' or '!~'",
    ],
    ['{foo', "end of input: expected an operator such as '=', '!=', '=~' or '!~'"],
    ['foo=', 'end of input: expected label value'],
    ['{foo=~"("}', 'failed to create matcher: error parsing regexp: missing ): ^(?:()$'],
  ])('refuses %j', (input, message) => {
    expect(failure(() => parseUtf8Matchers(input))).toBe(message);
  });

  it('parses exactly one matcher', () => {
    expect(triples([parseUtf8Matcher('{foo=bar,}')])).toEqual([['foo', '=', 'bar']]);
    expect(failure(() => parseUtf8Matcher('{}'))).toBe('no matchers');
    expect(failure(() => parseUtf8Matcher('foo=bar,bar=baz'))).toBe('expected 1 matcher, found 2');
  });
});

// Cases from Alertmanager's pkg/labels tests.
describe('classic matchers parser', () => {
  it.each<[string, Triple[]]>([
    ['{}', []],
    ["{foo='}", [['foo', '=', "'"]]],
    ['{foo=\\"}', [['foo', '=', '"']]],
    [
      '{foo = "bar", dings != "bums", }',
      [
        ['foo', '=', 'bar'],
        ['dings', '!=', 'bums'],
      ],
    ],
    ['{quote="She said: \\"Hi, ladies!\\""}', [['quote', '=', 'She said: "Hi, ladies!"']]],
    ['tricky=~~~', [['tricky', '=~', '~~']]],
    ['trickier==\\\\=\\=\\"', [['trickier', '=', '=\\=\\="']]],
    [
      'contains_quote != "\\"" , contains_comma !~ "foo,bar" , ',
      [
        ['contains_quote', '!=', '"'],
        ['contains_comma', '!~', 'foo,bar'],
      ],
    ],
    ['{foo=bar}}', [['foo', '=', 'bar}']]],
    [
      '{foo=,bar=}}',
      [
        ['foo', '=', ''],
        ['bar', '=', '}'],
      ],
    ],
    ['{foo=bar\\t}', [['foo', '=', 'bar\\t']]],
    ['{foo=bar\\n}', [['foo', '=', 'bar\n']]],
    ['{foo=bar\\}', [['foo', '=', 'bar\\']]],
    ['{foo=}b', [['foo', '=', '}b']]],
    ['job=', [['job', '=', '']]],
  ])('parses %j', (input, expected) => {
    expect(triples(parseClassicMatchers(input))).toEqual(expected);
  });

  it.each([
    [',', 'bad matcher format: '],
    ['job="value', 'matcher value contains unescaped double quote: "value'],
    ['job=value"', 'matcher value contains unescaped double quote: value"'],
    [
      'contains_unescaped_quote = foo"bar',
      'matcher value contains unescaped double quote: foo"bar',
    ],
    ['{invalid-name = "valid label"}', 'bad matcher format: invalid-name = "valid label"'],
    ['"foo=\\"bar"', 'bad matcher format: "foo=\\"bar"'],
    ['{{foo=', 'bad matcher format: {foo='],
  ])('refuses %j', (input, message) => {
    expect(failure(() => parseClassicMatchers(input))).toBe(message);
  });

  it('reports regex errors as Go does', () => {
    expect(failure(() => parseClassicMatchers('{foo=~"invalid[regexp"}'))).toMatch(
      /^error parsing regexp: missing \]/,
    );
  });
});

// Cases from Alertmanager's matcher/compat tests: the fallback mode Alertmanager runs in.
describe('parseMatchers and parseMatcher (fallback mode)', () => {
  it.each<[string, Triple[]]>([
    [
      '{foo=bar,bar=baz}',
      [
        ['foo', '=', 'bar'],
        ['bar', '=', 'baz'],
      ],
    ],
    [
      '{foo🙂=bar,bar=baz🙂}',
      [
        ['foo🙂', '=', 'bar'],
        ['bar', '=', 'baz🙂'],
      ],
    ],
    [
      '{foo=!bar,bar=$baz\\n}',
      [
        ['foo', '=', '!bar'],
        ['bar', '=', '$baz\n'],
      ],
    ],
    ['{foo="\\xf0\\x9f\\x99\\x82"}', [['foo', '=', '\\xf0\\x9f\\x99\\x82']]],
    ['service=~"foo1|foo2|baz"', [['service', '=~', 'foo1|foo2|baz']]],
    ['"name with space"="x"', [['name with space', '=', 'x']]],
  ])('parses %j', (input, expected) => {
    expect(triples(parseMatchers(input))).toEqual(expected);
  });

  it('reports the classic error when both parsers refuse', () => {
    expect(failure(() => parseMatchers('{foo!bar}'))).toBe('bad matcher format: foo!bar');
    expect(failure(() => parseMatcher('foo!bar'))).toBe('bad matcher format: foo!bar');
  });

  it('parses one matcher without braces', () => {
    expect(triples([parseMatcher('foo🙂=bar')])).toEqual([['foo🙂', '=', 'bar']]);
    expect(triples([parseMatcher('foo=!bar\\n')])).toEqual([['foo', '=', '!bar\n']]);
    expect(failure(() => parseMatcher('{foo=bar}'))).toBe(
      'unexpected open or close brace: {foo=bar}',
    );
  });

  it('says when the classic parser was the fallback or the parsers disagree', () => {
    expect(parseMatchersDetailed('foo="bar"').warning).toBeUndefined();
    expect(parseMatchersDetailed('foo=!bar').warning).toMatch(
      /^not valid for the UTF-8 matchers parser .*e\.g\. foo="!bar"$/,
    );
    expect(parseMatchersDetailed('foo="\\xf0\\x9f\\x99\\x82"').warning).toMatch(/disagree/);
  });
});
