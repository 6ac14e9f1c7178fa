import { describe, expect, it } from '@jest/globals';
import { ParseError } from '../errors.js';
import { Lexer } from './lexer.js';
import { describeToken } from './token.js';
import type { Token } from './token.js';

function lex(input: string): Token[] {
  const lexer = new Lexer(input);
  const out: Token[] = [];
  for (let t = lexer.next(); t.type !== 'EOF'; t = lexer.next()) out.push(t);
  return out;
}

const shape = (input: string): string[] => lex(input).map((t) => `${t.type}:${t.text}`);

describe('Lexer tokens', () => {
  const cases: [string, string[]][] = [
    [',', ['COMMA:,']],
    ['()', ['LEFT_PAREN:(', 'RIGHT_PAREN:)']],
    ['{}', ['LEFT_BRACE:{', 'RIGHT_BRACE:}']],
    ['[ 5m ]', ['LEFT_BRACKET:[', 'DURATION:5m', 'RIGHT_BRACKET:]']],
    ['\r\n\r', []],
    ['1', ['NUMBER:1']],
    ['4.23', ['NUMBER:4.23']],
    ['.3', ['NUMBER:.3']],
    ['5.', ['NUMBER:5.']],
    ['nAN', ['NUMBER:nAN']],
    ['NaN 123', ['NUMBER:NaN', 'NUMBER:123']],
    ['NaN123', ['IDENTIFIER:NaN123']],
    ['iNf', ['NUMBER:iNf']],
    ['-Inf', ['SUB:-', 'NUMBER:Inf']],
    ['Infoo', ['IDENTIFIER:Infoo']],
    ['0x123', ['NUMBER:0x123']],
    ['00_1_23_4.56_7_8', ['NUMBER:00_1_23_4.56_7_8']],
    ['0x1_2_34', ['NUMBER:0x1_2_34']],
    ['1.e2', ['NUMBER:1.e2']],
    ['1e1_2_34', ['NUMBER:1e1_2_34']],
    ['_1_2', ['IDENTIFIER:_1_2']],
    [
      '5s 123m 1h 3w 1y 1h30m 500ms',
      [
        'DURATION:5s',
        'DURATION:123m',
        'DURATION:1h',
        'DURATION:3w',
        'DURATION:1y',
        'DURATION:1h30m',
        'DURATION:500ms',
      ],
    ],
    ['abc a:bc :bc', ['IDENTIFIER:abc', 'METRIC_IDENTIFIER:a:bc', 'METRIC_IDENTIFIER::bc']],
    ['# some comment', ['COMMENT:# some comment']],
    ['5 # 1+1\n5', ['NUMBER:5', 'COMMENT:# 1+1', 'NUMBER:5']],
    [
      '= == != < > >= <= + - * / ^ % @',
      [
        'EQL:=',
        'EQLC:==',
        'NEQ:!=',
        'LSS:<',
        'GTR:>',
        'GTE:>=',
        'LTE:<=',
        'ADD:+',
        'SUB:-',
        'MUL:*',
        'DIV:/',
        'POW:^',
        'MOD:%',
        'AT:@',
      ],
    ],
    ['AND or unless atan2', ['LAND:AND', 'LOR:or', 'LUNLESS:unless', 'ATAN2:atan2']],
    [
      'sum AVG count_values limitk',
      ['SUM:sum', 'AVG:AVG', 'COUNT_VALUES:count_values', 'LIMITK:limitk'],
    ],
    [
      'offset by without on ignoring group_left group_right bool',
      [
        'OFFSET:offset',
        'BY:by',
        'WITHOUT:without',
        'ON:on',
        'IGNORING:ignoring',
        'GROUP_LEFT:group_left',
        'GROUP_RIGHT:group_right',
        'BOOL:bool',
      ],
    ],
    ['start end', ['START:start', 'END:end']],
    [
      '{on!~"bar", NaN\t!= "x", a=~`y`}',
      [
        'LEFT_BRACE:{',
        'IDENTIFIER:on',
        'NEQ_REGEX:!~',
        'STRING:"bar"',
        'COMMA:,',
        'IDENTIFIER:NaN',
        'NEQ:!=',
        'STRING:"x"',
        'COMMA:,',
        'IDENTIFIER:a',
        'EQL_REGEX:=~',
        'STRING:`y`',
        'RIGHT_BRACE:}',
      ],
    ],
    [
      'foo[5m:1m]',
      [
        'IDENTIFIER:foo',
        'LEFT_BRACKET:[',
        'DURATION:5m',
        'COLON::',
        'DURATION:1m',
        'RIGHT_BRACKET:]',
      ],
    ],
  ];
  it.each(cases)('%j', (input, want) => {
    expect(shape(input)).toEqual(want);
  });

  it('records offsets and decodes strings', () => {
    const tokens = lex(`x{a="\\u00e9\\x41\\101\\n"} 'it\\'s' \`raw\\n\``);
    expect(tokens.map((t) => [t.offset, t.value])).toEqual([
      [0, ''],
      [1, ''],
      [2, ''],
      [3, ''],
      [4, 'éAA\n'],
      [22, ''],
      [24, "it's"],
      [32, 'raw\\n'],
    ]);
  });
});

describe('Lexer errors', () => {
  const cases: [string, string][] = [
    ['.', "1:1: parse error: unexpected character: '.'"],
    ['1a', '1:1: parse error: bad number or duration syntax: "1"'],
    ['0deadbeef', '1:1: parse error: bad number or duration syntax: "0de"'],
    ['1..2', '1:1: parse error: bad number or duration syntax: "1.."'],
    ['00_1_23__4.56_7_8', '1:1: parse error: bad number or duration syntax: "00_1_23__"'],
    ['1e', '1:1: parse error: bad number or duration syntax: "1e"'],
    ['=~', "1:1: parse error: unexpected character after '=': '~'"],
    ['!~', "1:1: parse error: unexpected character after '!': '~'"],
    ['{alert!#"bar"}', "1:7: parse error: unexpected character after '!' inside braces: '#'"],
    ['{foo:a="bar"}', "1:5: parse error: unexpected character inside braces: ':'"],
    ['{a{', "1:3: parse error: unexpected left brace '{'"],
    ['"abc', '1:1: parse error: unterminated quoted string'],
    ['"a\nb"', '1:1: parse error: unterminated quoted string'],
    ['`abc', '1:1: parse error: unterminated raw string'],
    ['"\\c"', "1:1: parse error: unknown escape sequence U+0063 'c'"],
    ['"\\x."', "1:1: parse error: illegal character U+002E '.' in escape sequence"],
    ['"\\ud800"', '1:1: parse error: escape sequence is an invalid Unicode code point'],
    ['"\\', '1:1: parse error: escape sequence not terminated'],
    ['(1))', "1:5: parse error: unexpected right parenthesis ')'"],
    ['(1', '1:3: parse error: unclosed left parenthesis'],
    ['a[5m', '1:5: parse error: unclosed left bracket'],
    ['a[[', "1:3: parse error: unexpected character in duration expression: '['"],
    ['a[5m[', "1:5: parse error: unexpected left bracket '['"],
    [']', "1:1: parse error: unexpected right bracket ']'"],
    ['a[:5m]', '1:4: parse error: unexpected colon before duration in duration expression'],
    ['a[5m::]', "1:6: parse error: unexpected colon ':'"],
    ['a\n  §', "2:3: parse error: unexpected character: '§'"],
  ];
  it.each(cases)('%j', (input, message) => {
    const err = (() => {
      try {
        lex(input);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).message).toBe(message);
  });

  it('places the column in UTF-8 bytes, as Prometheus does', () => {
    try {
      lex('{"é"="x"} $');
    } catch (e) {
      expect((e as ParseError).position).toEqual({ offset: 10, line: 1, column: 12 });
      expect((e as ParseError).message).toBe("1:12: parse error: unexpected character: '$'");
      return;
    }
    throw new Error('no error');
  });
});

describe('describeToken', () => {
  const tok = (type: Token['type'], text: string): Token => ({ type, text, offset: 0, value: '' });
  it.each([
    [tok('EOF', ''), 'end of input'],
    [tok('IDENTIFIER', 'foo'), 'identifier "foo"'],
    [tok('METRIC_IDENTIFIER', 'a:b'), 'metric identifier "a:b"'],
    [tok('NUMBER', '1'), 'number "1"'],
    [tok('STRING', '"hello world"'), 'string "\\"hello wor"...'],
    [tok('OFFSET', 'offset'), '<offset>'],
    [tok('ADD', '+'), '<op:+>'],
    [tok('SUM', 'sum'), '<aggr:sum>'],
    [tok('RIGHT_PAREN', ')'), '")"'],
    [tok('START', 'start'), '"start"'],
  ])('%j -> %s', (token, want) => {
    expect(describeToken(token)).toBe(want);
  });
});

describe('Lexer on Prometheus 3 syntax', () => {
  const cases: [string, string[]][] = [
    [
      'a </ b >/ c',
      ['IDENTIFIER:a', 'TRIM_UPPER:</', 'IDENTIFIER:b', 'TRIM_LOWER:>/', 'IDENTIFIER:c'],
    ],
    [
      'fill(0) fill_left (1)',
      [
        'FILL:fill',
        'LEFT_PAREN:(',
        'NUMBER:0',
        'RIGHT_PAREN:)',
        'FILL_LEFT:fill_left',
        'LEFT_PAREN:(',
        'NUMBER:1',
        'RIGHT_PAREN:)',
      ],
    ],
    ['fill + fill_right', ['IDENTIFIER:fill', 'ADD:+', 'IDENTIFIER:fill_right']],
    ['anchored smoothed', ['ANCHORED:anchored', 'SMOOTHED:smoothed']],
    [
      'step range max_of MIN_OF start',
      ['STEP:step', 'RANGE:range', 'MAX_OF:max_of', 'MIN_OF:MIN_OF', 'START:start'],
    ],
    [
      '[step()*2:1m]',
      [
        'LEFT_BRACKET:[',
        'STEP:step',
        'LEFT_PAREN:(',
        'RIGHT_PAREN:)',
        'MUL:*',
        'NUMBER:2',
        'COLON::',
        'DURATION:1m',
        'RIGHT_BRACKET:]',
      ],
    ],
    [
      '[(1m) : min_of(1s, 2s)]',
      [
        'LEFT_BRACKET:[',
        'LEFT_PAREN:(',
        'DURATION:1m',
        'RIGHT_PAREN:)',
        'COLON::',
        'MIN_OF:min_of',
        'LEFT_PAREN:(',
        'DURATION:1s',
        'COMMA:,',
        'DURATION:2s',
        'RIGHT_PAREN:)',
        'RIGHT_BRACKET:]',
      ],
    ],
    [
      '[5m] [-1m]',
      [
        'LEFT_BRACKET:[',
        'DURATION:5m',
        'RIGHT_BRACKET:]',
        'LEFT_BRACKET:[',
        'SUB:-',
        'DURATION:1m',
        'RIGHT_BRACKET:]',
      ],
    ],
  ];
  it.each(cases)('%j', (input, want) => {
    expect(shape(input)).toEqual(want);
  });

  it.each([
    ['[1m:1m:]', "1:7: parse error: unexpected colon ':'"],
    ['[1m][(::', '1:9: parse error: unexpected repeated colon in duration expression'],
    ['[stop()]', "1:2: parse error: unexpected character in duration expression: 's'"],
    ['[1m + foo]', "1:7: parse error: unexpected character: 'f', expected ':'"],
    ['[{]', "1:2: parse error: unexpected character in duration expression: '{'"],
  ])('%j fails: %s', (input, message) => {
    expect(() => lex(input)).toThrow(message);
  });
});
