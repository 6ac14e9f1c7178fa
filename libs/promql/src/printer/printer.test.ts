import { describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/model';
import { ALL_EXPERIMENTAL } from '../parser/options.js';
import { parseExpr } from '../parser/parser.js';
import { formatExpr } from './printer.js';
import { formatFloat, formatG } from '../float/go-float.js';

/** The tree without source positions, matchers as sorted text: what printing must keep. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.every((v) => v instanceof Matcher)) return value.map(String).sort();
    return value.map(normalize);
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'pos')
      .map(([k, v]) => [k, normalize(v)]),
  );
}

const parse = (input: string) => parseExpr(input, ALL_EXPERIMENTAL);

describe('formatExpr', () => {
  // Input, canonical form as Prometheus's String() writes it.
  const cases: [string, string][] = [
    ['1', '1'],
    ['-1.5e3', '-1500'],
    ['0x1f', '31'],
    ['1e21', '1000000000000000000000'],
    ['1e-7', '0.0000001'],
    ['Inf', '+Inf'],
    ['-inf', '-Inf'],
    ['NaN', 'NaN'],
    ['1h30m', '1h30m'],
    ['-5m', '-5m'],
    ["'a\"b'", '"a\\"b"'],
    ['`x\\y`', '"x\\\\y"'],
    ['foo', 'foo'],
    ['foo{b="2", a=~"1"}', 'foo{a=~"1",b="2"}'],
    ['{__name__="foo"}', '{__name__="foo"}'],
    ['{"foo.bar"}', '{__name__="foo.bar"}'],
    ['{"a b"="c", x!~"y"}', '{"a b"="c",x!~"y"}'],
    ['foo offset 5m', 'foo offset 5m'],
    ['foo offset -90s', 'foo offset -1m30s'],
    ['foo @ 1.5 offset 1m', 'foo @ 1.500 offset 1m'],
    ['foo @ start()', 'foo @ start()'],
    ['foo[5m] offset 1h @ end()', 'foo[5m] @ end() offset 1h'],
    ['foo[1w]', 'foo[1w]'],
    ['foo anchored offset 1m', 'foo anchored offset 1m'],
    ['foo[5m] smoothed @ 10', 'foo[5m] smoothed @ 10.000'],
    ['foo[5m:]', 'foo[5m:]'],
    ['rate(foo[5m])[1h:1m] offset -1m @ 3', 'rate(foo[5m])[1h:1m] @ 3.000 offset -1m'],
    ['(foo + bar)', '(foo + bar)'],
    ['-foo', '-foo'],
    ['- (1)', '-(1)'],
    ['a+b*c', 'a + b * c'],
    ['a == bool b', 'a == bool b'],
    ['a + on(x,y) b', 'a + on (x, y) b'],
    ['a + ignoring(x) group_left b', 'a + ignoring (x) group_left () b'],
    ['a * on() group_right(y, "z.z") b', 'a * on () group_right (y, "z.z") b'],
    ['a + fill(0) b', 'a + fill (0) b'],
    ['a + fill_left(1e6) fill_right(-2) b', 'a + fill_left (1e+06) fill_right (-2) b'],
    ['a + fill(NaN) b', 'a + fill_left (NaN) fill_right (NaN) b'],
    ['a and b', 'a and b'],
    ['a OR on(c) b', 'a or on (c) b'],
    ['a atan2 b', 'a atan2 b'],
    ['a </ b', 'a </ b'],
    ['sum(foo)', 'sum(foo)'],
    ['sum(foo) by (a, b)', 'sum by (a, b) (foo)'],
    ['sum without () (foo)', 'sum without () (foo)'],
    ['avg by ("a.b") (foo)', 'avg by ("a.b") (foo)'],
    ['topk(3, foo)', 'topk(3, foo)'],
    ['count_values without (a) ("v", foo)', 'count_values without (a) ("v", foo)'],
    ['label_replace(up, "a", "$1", "b", "(.*)")', 'label_replace(up, "a", "$1", "b", "(.*)")'],
    ['time()', 'time()'],
    ['foo[26m+4m]', 'foo[26m + 4m]'],
    ['foo[2m*(10+5)]', 'foo[2m * (10 + 5)]'],
    ['foo[-(5m)+35m]', 'foo[-(5m) + 35m]'],
    ['foo[step()+1m:range()]', 'foo[step() + 1m:range()]'],
    ['foo offset -min_of(step(),1s)', 'foo offset -min_of(step(), 1s)'],
    ['foo[1m:max_of(1s, 2s)]', 'foo[1m:max_of(1s, 2s)]'],
    ['info(foo, {a="b"})', 'info(foo, {a="b"})'],
  ];

  it.each(cases)('%s prints as %s', (input, want) => {
    expect(formatExpr(parse(input))).toBe(want);
  });

  it.each(cases)('%s survives parse(print(x))', (input) => {
    const ast = parse(input);
    const again = parse(formatExpr(ast));
    expect(normalize(again)).toEqual(normalize(ast));
  });
});

describe('Go float formatting', () => {
  it.each([
    [0, '0', '0'],
    [-0, '-0', '-0'],
    [1.5, '1.5', '1.5'],
    [123456, '123456', '123456'],
    [1e6, '1000000', '1e+06'],
    [1.25e-5, '0.0000125', '1.25e-05'],
    [0.0001, '0.0001', '0.0001'],
    [1e100, '1' + '0'.repeat(100), '1e+100'],
    [-Infinity, '-Inf', '-Inf'],
  ])('%d is %s with f and %s with %%v', (v, f, g) => {
    expect(formatFloat(v)).toBe(f);
    expect(formatG(v)).toBe(g);
  });
});
