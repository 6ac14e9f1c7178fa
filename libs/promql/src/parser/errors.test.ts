import { describe, expect, it } from '@jest/globals';
import { ParseError } from '../errors.js';
import { ALL_EXPERIMENTAL } from './options.js';
import type { ParseOptions } from './options.js';
import { parseExpr } from './parser.js';

function message(input: string, options: ParseOptions): string {
  try {
    parseExpr(input, options);
  } catch (err) {
    if (err instanceof ParseError) return err.message;
    throw err;
  }
  throw new Error(`parsed: ${input}`);
}

describe('errors Prometheus its own parser tests expect', () => {
  // Inputs, first error and position from Prometheus's promql/parser/parse_test.go.
  const cases: [string, string][] = [
    ['', 'unknown position: parse error: no expression found in input'],
    ['1+', '1:3: parse error: unexpected end of input'],
    ['.', "1:1: parse error: unexpected character: '.'"],
    ['2.5.', '1:1: parse error: bad number or duration syntax: "2.5."'],
    ['100..4', '1:1: parse error: bad number or duration syntax: "100.."'],
    ['1 /', '1:4: parse error: unexpected end of input'],
    ['*1', '1:1: parse error: unexpected <op:*>'],
    ['(1))', "1:5: parse error: unexpected right parenthesis ')'"],
    ['((1)', '1:5: parse error: unclosed left parenthesis'],
    ['(', '1:2: parse error: unclosed left parenthesis'],
    ['1 == 1', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['1 !~ 1', "1:3: parse error: unexpected character after '!': '~'"],
    ['1 =~ 1', "1:3: parse error: unexpected character after '=': '~'"],
    [
      '-"string"',
      '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"',
    ],
    [
      '-test[5m]',
      '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
    ],
    ['*test', '1:1: parse error: unexpected <op:*>'],
    ['@@', '1:1: parse error: unexpected <op:@>'],
    [
      '1 offset 1d',
      '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    ['foo offset 1s offset 2s', '1:1: parse error: offset may not be set multiple times'],
    ['a - on(b) ignoring(c) d', '1:11: parse error: unexpected <ignoring>'],
    ['1 or on(bar) foo', '1:1: parse error: vector matching only allowed between instant vectors'],
    ['foo == on(bar) 10', '1:1: parse error: vector matching only allowed between instant vectors'],
    ['foo + group_left(baz) bar', '1:7: parse error: unexpected <group_left>'],
    ['foo + bool bar', '1:5: parse error: bool modifier can only be used on comparison operators'],
    ['foo + bool 10', '1:5: parse error: bool modifier can only be used on comparison operators'],
    ['foo and bool 10', '1:5: parse error: bool modifier can only be used on comparison operators'],
    ['foo @ +Inf', '1:1: parse error: timestamp out of bounds for @ modifier: +Inf'],
    ['foo @ -Inf', '1:1: parse error: timestamp out of bounds for @ modifier: -Inf'],
    ['foo @ NaN', '1:1: parse error: timestamp out of bounds for @ modifier: NaN'],
    ['{', '1:2: parse error: unexpected end of input inside braces'],
    ['}', "1:1: parse error: unexpected character: '}'"],
    ['some{', '1:6: parse error: unexpected end of input inside braces'],
    ['some}', "1:5: parse error: unexpected character: '}'"],
    ['some_metric{a:b="b"}', "1:14: parse error: unexpected character inside braces: ':'"],
    ['foo{a*"b"}', "1:6: parse error: unexpected character inside braces: '*'"],
    [
      'foo{gibberish}',
      '1:14: parse error: unexpected "}" in label matching, expected label matching operator',
    ],
    ['foo{1}', "1:5: parse error: unexpected character inside braces: '1'"],
    ['{}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{x=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{x=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{x!~".+"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{x!="a"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['foo{__name__="bar"}', '1:1: parse error: metric name must not be set twice: "foo" or "bar"'],
    [
      'foo{__name__="bar" lol}',
      '1:20: parse error: unexpected identifier "lol" in label matching, expected "," or "}"',
    ],
    ['foo{"a"=}', '1:9: parse error: unexpected "}" in label matching, expected string'],
    ['foo[0m]', '1:5: parse error: duration must be greater than 0'],
    ['foo[-1]', '1:5: parse error: duration must be greater than 0'],
    [
      'some_metric[5m] OFFSET',
      '1:23: parse error: unexpected end of input in offset, expected number, duration, step(), or range()',
    ],
    ['some_metric OFFSET 1m[5m]', '1:22: parse error: no offset modifiers allowed before range'],
    ['some_metric[5m] @', '1:18: parse error: unexpected end of input in @, expected timestamp'],
    ['some_metric @ 1234 [5m]', '1:20: parse error: no @ modifiers allowed before range'],
    ['some_metric @ start() [5m]', '1:23: parse error: no @ modifiers allowed before range'],
    ['some_metric @ end()[5m]', '1:20: parse error: no @ modifiers allowed before range'],
    [
      'some_metric offset step()[5m]',
      '1:26: parse error: no offset modifiers allowed before range',
    ],
    ['(foo + bar)[5m]', '1:12: parse error: ranges only allowed for vector selectors'],
    ['sum by ("foo)(some_metric{})', '1:9: parse error: unterminated quoted string'],
    [
      'sum without(==)(some_metric)',
      '1:13: parse error: unexpected <op:==> in grouping opts, expected label',
    ],
    [
      'sum without(,)(some_metric)',
      '1:13: parse error: unexpected "," in grouping opts, expected label',
    ],
    [
      'sum without(foo,,)(some_metric)',
      '1:17: parse error: unexpected "," in grouping opts, expected label',
    ],
    ['sum some_metric by (test)', '1:5: parse error: unexpected identifier "some_metric"'],
    [
      'sum (some_metric) by test',
      '1:22: parse error: unexpected identifier "test" in grouping opts, expected "("',
    ],
    ['sum () by (test)', '1:1: parse error: no arguments for aggregate expression provided'],
    ['MIN (some_metric) keep_common', '1:19: parse error: unexpected identifier "keep_common"'],
    ['sum (some_metric) without (test) by (test)', '1:34: parse error: unexpected <by>'],
    ['sum without (test) (some_metric) by (test)', '1:34: parse error: unexpected <by>'],
    [
      'topk(some_metric)',
      '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1',
    ],
    ['topk(some_metric,)', '1:17: parse error: trailing commas not allowed in function call args'],
    [
      'topk(some_metric, other_metric)',
      '1:6: parse error: expected type scalar in aggregation parameter, got instant vector',
    ],
    [
      'count_values(5, other_metric)',
      '1:14: parse error: expected type string in aggregation parameter, got scalar',
    ],
    [
      'rate(some_metric[5m]) @ 1234',
      '1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    ['-=', '1:2: parse error: unexpected "="'],
    ['++-++-+-+-<', '1:11: parse error: unexpected <op:<>'],
    ['e-+=/(0)', '1:4: parse error: unexpected "="'],
    ['a>b()', '1:3: parse error: unknown function with name "b"'],
    [
      'rate(avg)',
      '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
    ],
    ['`\\``', '1:4: parse error: unterminated raw string'],
    ['"\\', '1:1: parse error: escape sequence not terminated'],
    ['"\\c"', "1:1: parse error: unknown escape sequence U+0063 'c'"],
    ['"\\x."', "1:1: parse error: illegal character U+002E '.' in escape sequence"],
    ['foo{bar="baz"}[', '1:16: parse error: unexpected end of input in duration expression'],
    [
      'test[5d] OFFSET 10s [10m:5s]',
      '1:1: parse error: subquery is only allowed on instant vector, got matrix instead',
    ],
    [
      '(foo + bar{nm="val"})[5m:][10m:5s]',
      '1:1: parse error: subquery is only allowed on instant vector, got matrix instead',
    ],
    ['rate(food[1m])[1h] offset 1h', '1:15: parse error: ranges only allowed for vector selectors'],
    ['rate(food[1m])[1h] @ 100', '1:15: parse error: ranges only allowed for vector selectors'],
    [
      'info(rate(http_request_counter_total{}[5m]), target_info{foo="bar"})',
      '1:46: parse error: expected label selectors only, got vector selector instead',
    ],
    [
      'info(http_request_counter_total{namespace="zzz"}, {foo="bar"} == 1)',
      '1:51: parse error: expected label selectors only',
    ],
    [
      'foo[step]',
      '1:9: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()',
    ],
    ['foo[step()/0d]', '1:11: parse error: division by zero'],
    ['foo[5s/0d]', '1:7: parse error: division by zero'],
    ['foo offset (4d/0)', '1:15: parse error: division by zero'],
    ['foo[5s%0d]', '1:7: parse error: modulo by zero'],
    ['foo offset 9.5e10', '1:12: parse error: duration out of range'],
    ['foo[9.5e10]', '1:5: parse error: duration out of range'],
    ['sum(', '1:5: parse error: unclosed left parenthesis'],
    ['sum(rate(', '1:10: parse error: unclosed left parenthesis'],
    ['foo[5s x 5s]', "1:8: parse error: unexpected character: 'x', expected ':'"],
    ['foo[5s s 5s]', "1:8: parse error: unexpected character: 's', expected ':'"],
  ];
  it.each(cases)('%j', (input, want) => {
    expect(message(input, ALL_EXPERIMENTAL)).toBe(want);
  });
});

describe('type and modifier errors', () => {
  const cases: [string, string][] = [
    [
      '"a" + 1',
      '1:1: parse error: binary expression must contain only scalar and instant vector types',
    ],
    [
      'foo[5m] + 1',
      '1:1: parse error: binary expression must contain only scalar and instant vector types',
    ],
    [
      '1 + foo[5m]',
      '1:5: parse error: binary expression must contain only scalar and instant vector types',
    ],
    ['1 and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    [
      'foo unless 1',
      '1:1: parse error: set operator "unless" not allowed in binary scalar expression',
    ],
    ['foo and on(a) group_left bar', '1:1: parse error: no grouping allowed for "and" operation'],
    [
      'foo * on(a) group_left(a) bar',
      '1:5: parse error: label "a" must not occur in ON and GROUP clause at once',
    ],
    [
      'foo and fill(0) bar',
      '1:1: parse error: filling in missing series not allowed for set operators',
    ],
    [
      '1 + fill(0) foo',
      '1:1: parse error: filling in missing series only allowed between instant vectors',
    ],
    ['foo + fill(x) bar', '1:12: parse error: unexpected identifier "x"'],
    [
      'foo + on a bar',
      '1:10: parse error: unexpected identifier "a" in grouping opts, expected "("',
    ],
    [
      'foo + on(a b) bar',
      '1:12: parse error: unexpected identifier "b" in grouping opts, expected "," or ")"',
    ],
    ['sum by ("") (foo)', '1:9: parse error: invalid label name for grouping: ""'],
    [
      'sum(foo[5m])',
      '1:5: parse error: expected type instant vector in aggregation expression, got range vector',
    ],
    [
      'count_values("a", foo[5m])',
      '1:19: parse error: expected type instant vector in aggregation expression, got range vector',
    ],
    [
      'topk(1, foo, bar)',
      '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 3',
    ],
    ['sum(foo bar)', '1:9: parse error: unexpected identifier "bar" in aggregation'],
    [
      'rate(foo)',
      '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
    ],
    ['rate()', '1:1: parse error: expected 1 argument(s) in call to "rate", got 0'],
    ['round()', '1:1: parse error: expected at least 1 argument(s) in call to "round", got 0'],
    [
      'round(foo, 1, 2)',
      '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3',
    ],
    [
      'label_join(foo)',
      '1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 1',
    ],
    [
      'abs("x")',
      '1:5: parse error: expected type instant vector in call to function "abs", got string',
    ],
    ['nope(foo)', '1:1: parse error: unknown function with name "nope"'],
    ['RATE(foo[5m])', '1:1: parse error: unknown function with name "RATE"'],
    ['rate(foo[5m],)', '1:13: parse error: trailing commas not allowed in function call args'],
    ['rate(foo[5m] x)', '1:14: parse error: unexpected identifier "x"'],
    ['foo[5m:0s]', '1:8: parse error: duration must be greater than 0'],
    ['foo[5m:1m:]', "1:10: parse error: unexpected colon ':'"],
    ['foo[5m:1m', '1:10: parse error: unclosed left bracket'],
    [
      'foo[5m:1m 1m]',
      '1:11: parse error: unexpected duration "1m" in subquery selector, expected "]"',
    ],
    [
      'foo[5m 1m]',
      '1:8: parse error: unexpected duration "1m" in subquery or range, expected ":" or "]"',
    ],
    [
      'foo[5m:"x"]',
      '1:8: parse error: unexpected string "\\"x\\"" in subquery selector, expected number, duration, step(), range(), or "]"',
    ],
    ['foo[:5m]', '1:6: parse error: unexpected colon before duration in duration expression'],
    [
      'foo[5m] anchored smoothed',
      '1:1: parse error: anchored and smoothed modifiers cannot be used together',
    ],
    ['foo[5m:] anchored', '1:1: parse error: anchored modifier is not supported for subqueries'],
    ['sum(foo) smoothed', '1:1: parse error: smoothed modifier not implemented'],
    ['foo[1m:] offset 1m offset 1m', '1:1: parse error: offset may not be set multiple times'],
    ['foo[1m:] @ 1 @ 2', '1:1: parse error: @ <timestamp> may not be set multiple times'],
    ['foo offset step() offset 1s', '1:1: parse error: offset may not be set multiple times'],
    [
      'foo[min_of(1m 2m)]',
      '1:15: parse error: unexpected duration "2m" in subquery or range selector, expected ","',
    ],
    [
      'foo offset -bar',
      '1:13: parse error: unexpected identifier "bar" in offset, expected number, duration, step(), or range()',
    ],
    ['foo[5m % 0]', '1:8: parse error: modulo by zero'],
  ];
  it.each(cases)('%j', (input, want) => {
    expect(message(input, ALL_EXPERIMENTAL)).toBe(want);
  });
});

describe('experimental syntax needs its feature', () => {
  const cases: [string, string][] = [
    [
      'foo + fill(0) bar',
      '1:1: parse error: binop fill modifiers are experimental and not enabled',
    ],
    [
      'foo + on(a) fill_left(1) bar',
      '1:1: parse error: binop fill modifiers are experimental and not enabled',
    ],
    ['foo[5m] anchored', '1:1: parse error: anchored modifier is experimental and not enabled'],
    ['foo smoothed', '1:1: parse error: smoothed modifier is experimental and not enabled'],
    [
      'limitk(1, foo)',
      '1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions',
    ],
    [
      'limit_ratio(0.5, foo)',
      '1:1: parse error: limit_ratio() is experimental and must be enabled with --enable-feature=promql-experimental-functions',
    ],
    ['info(foo)', '1:1: parse error: function "info" is not enabled'],
    ['1 + step()', '1:5: parse error: function "step" is not enabled'],
    ['foo offset step()', '1:12: parse error: experimental duration expression is not enabled'],
    ['foo offset (1m)', '1:13: parse error: experimental duration expression is not enabled'],
    ['foo[step()]', '1:5: parse error: experimental duration expression is not enabled'],
    ['foo[1m:min_of(1m, 2m)]', '1:8: parse error: experimental duration expression is not enabled'],
  ];
  it.each(cases)('%j', (input, want) => {
    expect(message(input, {})).toBe(want);
  });

  it('accepts each with its feature alone', () => {
    expect(() => parseExpr('foo + fill(0) bar', { binopFillModifiers: true })).not.toThrow();
    expect(() => parseExpr('foo[5m] anchored', { extendedRangeSelectors: true })).not.toThrow();
    expect(() => parseExpr('limitk(1, foo)', { experimentalFunctions: true })).not.toThrow();
    expect(() => parseExpr('foo[step()]', { durationExpressions: true })).not.toThrow();
  });
});
