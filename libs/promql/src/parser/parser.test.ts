import { describe, expect, it } from '@jest/globals';
import { ParseError } from '../errors.js';
import { parseExpr } from './parser.js';
import type { Expr } from './ast.js';

/** A compact, comparable view of an AST. */
function view(expr: Expr): unknown {
  switch (expr.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return { [expr.kind]: expr.value };
    case 'VectorSelector':
      return {
        selector: expr.matchers.map(String),
        ...(expr.offsetMs !== 0 && { offsetMs: expr.offsetMs }),
        ...(expr.at && { at: expr.at }),
      };
    case 'MatrixSelector':
      return { range: expr.rangeMs, of: view(expr.selector) };
    case 'ParenExpr':
      return { paren: view(expr.expr) };
  }
}

describe('parseExpr accepts', () => {
  const name = (n: string): string => `__name__="${n}"`;
  const cases: [string, unknown][] = [
    ['1', { NumberLiteral: 1 }],
    ['-1.5e3', { NumberLiteral: -1500 }],
    ['+-+1', { NumberLiteral: -1 }],
    ['0x1f', { NumberLiteral: 31 }],
    ['010', { NumberLiteral: 8 }],
    ['1_000', { NumberLiteral: 1000 }],
    ['-Inf', { NumberLiteral: -Infinity }],
    ['NaN', { NumberLiteral: NaN }],
    ['1h30m', { NumberLiteral: 5400 }],
    ['"a\\tb"', { StringLiteral: 'a\tb' }],
    ["'it\\'s'", { StringLiteral: "it's" }],
    ['`raw\\n`', { StringLiteral: 'raw\\n' }],
    ['foo', { selector: [name('foo')] }],
    ['foo:bar_baz', { selector: [name('foo:bar_baz')] }],
    ['sum', { selector: [name('sum')] }],
    ['offset', { selector: [name('offset')] }],
    [
      'foo{a="b",c!="d",e=~"f",g!~"h",}',
      { selector: ['a="b"', 'c!="d"', 'e=~"f"', 'g!~"h"', name('foo')] },
    ],
    ['{__name__="x"}', { selector: [name('x')] }],
    ['{"foo.bar", "a b"="c"}', { selector: [name('foo.bar'), 'a b="c"'] }],
    ['{on="x", by=~"y"}', { selector: ['on="x"', 'by=~"y"'] }],
    ['foo # trailing comment\n', { selector: [name('foo')] }],
    ['foo offset 5m', { selector: [name('foo')], offsetMs: 300_000 }],
    ['foo offset -1h', { selector: [name('foo')], offsetMs: -3_600_000 }],
    ['foo offset 90', { selector: [name('foo')], offsetMs: 90_000 }],
    [
      'foo @ 1700000000.5',
      { selector: [name('foo')], at: { kind: 'timestamp', ms: 1_700_000_000_500 } },
    ],
    ['foo @ -10', { selector: [name('foo')], at: { kind: 'timestamp', ms: -10_000 } }],
    ['foo @ start()', { selector: [name('foo')], at: { kind: 'start' } }],
    ['foo @ end() offset 1m', { selector: [name('foo')], offsetMs: 60_000, at: { kind: 'end' } }],
    ['foo[5m]', { range: 300_000, of: { selector: [name('foo')] } }],
    ['foo[1.5]', { range: 1500, of: { selector: [name('foo')] } }],
    [
      'foo[5m] offset 1h @ 100',
      {
        range: 300_000,
        of: {
          selector: [name('foo')],
          offsetMs: 3_600_000,
          at: { kind: 'timestamp', ms: 100_000 },
        },
      },
    ],
    ['foo[ 1m ] @ end()', { range: 60_000, of: { selector: [name('foo')], at: { kind: 'end' } } }],
    ['((foo))', { paren: { paren: { selector: [name('foo')] } } }],
    ['(1)', { paren: { NumberLiteral: 1 } }],
  ];
  it.each(cases)('%j', (input, want) => {
    expect(view(parseExpr(input))).toEqual(want);
  });

  it('records source positions', () => {
    const expr = parseExpr('  foo{a="b"} offset 5m');
    expect(expr.pos).toEqual({ start: 2, end: 22 });
    const matrix = parseExpr('(x[5m])');
    expect(matrix.kind === 'ParenExpr' && matrix.expr.pos).toEqual({ start: 1, end: 6 });
  });
});

function parseError(input: string): ParseError {
  try {
    parseExpr(input);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error(`parsed: ${input}`);
}

describe('parseExpr rejects', () => {
  // Messages and positions as Prometheus's own parser tests expect them.
  const cases: [string, string][] = [
    ['', 'unknown position: parse error: no expression found in input'],
    ['# just a comment\n\n', '1:1: parse error: no expression found in input'],
    ['(1 2)', '1:4: parse error: unexpected number "2"'],
    ['foo bar', '1:5: parse error: unexpected identifier "bar"'],
    ['()', '1:2: parse error: unexpected ")"'],
    ['*1', '1:1: parse error: unexpected <op:*>'],
    ['@@', '1:1: parse error: unexpected <op:@>'],
    ['-=', '1:2: parse error: unexpected "="'],
    ['++-++-+-+-<', '1:11: parse error: unexpected <op:<>'],
    ['on', '1:1: parse error: unexpected <on>'],
    ['(', '1:2: parse error: unclosed left parenthesis'],
    ['((1)', '1:5: parse error: unclosed left parenthesis'],
    [
      '1 offset 1d',
      '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    [
      '"x" @ 1',
      '1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    ['foo offset 1s offset 2s', '1:1: parse error: offset may not be set multiple times'],
    ['foo @ 1 @ 2', '1:1: parse error: @ <timestamp> may not be set multiple times'],
    ['foo @ start() @ end()', '1:1: parse error: @ <timestamp> may not be set multiple times'],
    ['{', '1:2: parse error: unexpected end of input inside braces'],
    ['}', "1:1: parse error: unexpected character: '}'"],
    [
      'some_metric{a=b}',
      '1:15: parse error: unexpected identifier "b" in label matching, expected string',
    ],
    ['some_metric{a:b="b"}', "1:14: parse error: unexpected character inside braces: ':'"],
    [
      'foo{gibberish}',
      '1:14: parse error: unexpected "}" in label matching, expected label matching operator',
    ],
    ['foo{1}', "1:5: parse error: unexpected character inside braces: '1'"],
    ['foo{!a="b"}', "1:5: parse error: unexpected character after '!' inside braces: 'a'"],
    ['{}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{x=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{x=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    [
      '{x!="a"}[5m]',
      '1:1: parse error: vector selector must contain at least one non-empty matcher',
    ],
    ['foo{__name__="bar"}', '1:1: parse error: metric name must not be set twice: "foo" or "bar"'],
    ['foo{"bar"}', '1:1: parse error: metric name must not be set twice: "foo" or "bar"'],
    [
      'foo{__name__ == "bar"}',
      '1:15: parse error: unexpected "=" in label matching, expected string',
    ],
    ['foo{,}', '1:5: parse error: unexpected "," in label matching, expected identifier or "}"'],
    [
      'foo{__name__="bar" lol}',
      '1:20: parse error: unexpected identifier "lol" in label matching, expected "," or "}"',
    ],
    ['foo{"a"=}', '1:9: parse error: unexpected "}" in label matching, expected string'],
    ['foo[5mm]', '1:5: parse error: bad number or duration syntax: "5mm"'],
    ['foo[5y1hs]', '1:5: parse error: unknown unit "hs" in duration "5y1hs"'],
    ['foo[5m1h]', '1:5: parse error: not a valid duration string: "5m1h"'],
    ['foo[0m]', '1:5: parse error: duration must be greater than 0'],
    ['foo[-1]', '1:5: parse error: duration must be greater than 0'],
    [
      'foo[]',
      '1:5: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()',
    ],
    ['foo[5m+1m]', '1:5: parse error: experimental duration expression is not enabled'],
    ['foo[5m x]', "1:8: parse error: unexpected character: 'x', expected ':'"],
    ['foo[9.5e10]', '1:5: parse error: duration out of range'],
    ['foo offset 9.5e10', '1:12: parse error: duration out of range'],
    [
      'some_metric[5m] OFFSET',
      '1:23: parse error: unexpected end of input in offset, expected number, duration, step(), or range()',
    ],
    [
      'foo offset bar',
      '1:12: parse error: unexpected identifier "bar" in offset, expected number, duration, step(), or range()',
    ],
    ['some_metric OFFSET 1m[5m]', '1:22: parse error: no offset modifiers allowed before range'],
    ['some_metric[5m] @', '1:18: parse error: unexpected end of input in @, expected timestamp'],
    ['foo @ start', '1:12: parse error: unexpected end of input in @, expected timestamp'],
    ['some_metric @ 1234 [5m]', '1:20: parse error: no @ modifiers allowed before range'],
    ['some_metric @ end()[5m]', '1:20: parse error: no @ modifiers allowed before range'],
    ['foo @ +Inf', '1:1: parse error: timestamp out of bounds for @ modifier: +Inf'],
    ['foo @ NaN', '1:1: parse error: timestamp out of bounds for @ modifier: NaN'],
    [
      'foo @ 1e19',
      '1:1: parse error: timestamp out of bounds for @ modifier: 10000000000000000000.000000',
    ],
    ['(foo)[5m]', '1:6: parse error: ranges only allowed for vector selectors'],
    ['foo[5m][5m]', '1:8: parse error: ranges only allowed for vector selectors'],
    ['foo{bar="baz"}[', '1:16: parse error: unexpected end of input in duration expression'],
    [
      '1e400',
      '1:1: parse error: error parsing number: strconv.ParseFloat: parsing "1e400": value out of range',
    ],
    ['"\\c"', "1:1: parse error: unknown escape sequence U+0063 'c'"],
    ['foo\n  bar', '2:3: parse error: unexpected identifier "bar"'],
  ];
  it.each(cases)('%j', (input, message) => {
    expect(parseError(input).message).toBe(message);
  });

  it('reports an invalid regex at its label, with RE2 as the judge', () => {
    const err = parseError('foo{a=~"("}');
    expect(err.message).toMatch(/^1:5: parse error: invalid regular expression "\(": /);
    expect((err.cause as Error).name).toBe('InvalidRegexError');
  });

  it('reports the position as offset, line and column', () => {
    expect(parseError('foo\n  bar').position).toEqual({ offset: 6, line: 2, column: 3 });
  });
});
