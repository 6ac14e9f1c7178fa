import { describe, expect, it } from '@jest/globals';
import { formatExpr } from '../printer/printer.js';
import { ALL_EXPERIMENTAL } from './options.js';
import { parseExpr } from './parser.js';
import type { Expr, VectorMatching } from './ast.js';

/** A fully parenthesised S-expression of the tree, to see how operators grouped. */
function tree(e: Expr): string {
  switch (e.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
    case 'MatrixSelector':
      return formatExpr(e);
    case 'SubqueryExpr':
      // The printed subquery is its expression followed by the bracket and modifiers.
      return `(subquery ${tree(e.expr)} ${formatExpr(e).slice(formatExpr(e.expr).length)})`;
    case 'ParenExpr':
      return `(paren ${tree(e.expr)})`;
    case 'UnaryExpr':
      return `(${e.op}u ${tree(e.expr)})`;
    case 'BinaryExpr':
      return `(${e.op}${e.returnBool ? ' bool' : ''}${matching(e.matching)} ${tree(e.lhs)} ${tree(e.rhs)})`;
    case 'AggregateExpr': {
      const grouping =
        e.without || e.grouping.length > 0
          ? ` ${e.without ? 'without' : 'by'}(${e.grouping.join(',')})`
          : '';
      const param = e.param ? ` ${tree(e.param)}` : '';
      return `(${e.op}${grouping}${param} ${tree(e.expr)})`;
    }
    case 'Call':
      return `(${[e.func, ...e.args.map(tree)].join(' ')})`;
  }
}

function matching(m: VectorMatching | undefined): string {
  if (m === undefined) return '';
  let out = ` [${m.card}`;
  if (m.on || m.labels.length > 0) out += ` ${m.on ? 'on' : 'ignoring'}(${m.labels.join(',')})`;
  if (m.include.length > 0) out += ` include(${m.include.join(',')})`;
  if (m.fillLhs !== undefined) out += ` fillL=${m.fillLhs}`;
  if (m.fillRhs !== undefined) out += ` fillR=${m.fillRhs}`;
  return `${out}]`;
}

const parse = (input: string): Expr => parseExpr(input, ALL_EXPERIMENTAL);

describe('operator precedence and associativity', () => {
  const cases: [string, string][] = [
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 * 2 + 3', '(+ (* 1 2) 3)'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['1 / 2 / 3', '(/ (/ 1 2) 3)'],
    ['2 ^ 3 ^ 2', '(^ 2 (^ 3 2))'],
    ['a % b atan2 c * d', '(* [one-to-one] (atan2 [one-to-one] (% [one-to-one] a b) c) d)'],
    ['1 + 2 == bool 3 - 4', '(== bool (+ 1 2) (- 3 4))'],
    [
      'a == b or c and d unless e',
      '(or [many-to-many] (== [one-to-one] a b) (unless [many-to-many] (and [many-to-many] c d) e))',
    ],
    ['a or b or c', '(or [many-to-many] (or [many-to-many] a b) c)'],
    ['a and b < c', '(and [many-to-many] a (< [one-to-one] b c))'],
    ['a </ b + c', '(</ [one-to-one] a (+ [one-to-one] b c))'],
    ['a >/ b', '(>/ [one-to-one] a b)'],
    ['-a ^ b', '(-u (^ [one-to-one] a b))'],
    ['-a * b', '(* [one-to-one] (-u a) b)'],
    ['-1 ^ 2', '(-u (^ 1 2))'],
    ['2 ^ -1 ^ 2', '(^ 2 (-u (^ 1 2)))'],
    ['-2 * 3', '(* -2 3)'],
    ['+a', '(+u a)'],
    ['- - a', '(-u (-u a))'],
    ['1 + -a', '(+ 1 (-u a))'],
    ['-foo offset 5m', '(-u foo offset 5m)'],
    ['a + b offset 1m', '(+ [one-to-one] a b offset 1m)'],
    ['(1 + 2) * 3', '(* (paren (+ 1 2)) 3)'],
    ['a * on(x) b + c', '(+ [one-to-one] (* [one-to-one on(x)] a b) c)'],
    ['1 < bool 2', '(< bool 1 2)'],
    ['a + 1', '(+ a 1)'],
  ];
  it.each(cases)('%s', (input, want) => {
    expect(tree(parse(input))).toBe(want);
  });
});

describe('binary operator modifiers', () => {
  const cases: [string, string][] = [
    ['a + on(x, y) b', '(+ [one-to-one on(x,y)] a b)'],
    ['a + ignoring(x) b', '(+ [one-to-one ignoring(x)] a b)'],
    ['a + on() b', '(+ [one-to-one on()] a b)'],
    ['a * on(x) group_left b', '(* [many-to-one on(x)] a b)'],
    ['a * on(x) group_left(y, z) b', '(* [many-to-one on(x) include(y,z)] a b)'],
    ['a * ignoring(x) group_right(y,) b', '(* [one-to-many ignoring(x) include(y)] a b)'],
    ['a > bool on(x) b', '(> bool [one-to-one on(x)] a b)'],
    ['a and on(x) b', '(and [many-to-many on(x)] a b)'],
    ['a unless ignoring(x) b', '(unless [many-to-many ignoring(x)] a b)'],
    ['a + on(by, on, sum, "a.b") b', '(+ [one-to-one on(by,on,sum,a.b)] a b)'],
    ['a + fill(0) b', '(+ [one-to-one fillL=0 fillR=0] a b)'],
    ['a + fill_left(1) b', '(+ [one-to-one fillL=1] a b)'],
    ['a + fill_right(-2) b', '(+ [one-to-one fillR=-2] a b)'],
    ['a + fill_left(5) fill_right(7) b', '(+ [one-to-one fillL=5 fillR=7] a b)'],
    ['a + fill_right(7) fill_left(5) b', '(+ [one-to-one fillL=5 fillR=7] a b)'],
    ['a == bool fill(30) b', '(== bool [one-to-one fillL=30 fillR=30] a b)'],
    ['a + on(x) group_left(y) fill_right(0) b', '(+ [many-to-one on(x) include(y) fillR=0] a b)'],
    ['a + fill(-Inf) b', '(+ [one-to-one fillL=-Infinity fillR=-Infinity] a b)'],
    ['fill + fill', '(+ [one-to-one] fill fill)'],
    ['1 + 2', '(+ 1 2)'],
    ['a + 2', '(+ a 2)'],
  ];
  it.each(cases)('%s', (input, want) => {
    expect(tree(parse(input))).toBe(want);
  });
});

describe('aggregations and calls', () => {
  const cases: [string, string][] = [
    ['sum(foo)', '(sum foo)'],
    ['sum by (a, b) (foo)', '(sum by(a,b) foo)'],
    ['sum(foo) by (a)', '(sum by(a) foo)'],
    ['sum without (a) (foo)', '(sum without(a) foo)'],
    ['sum(foo) without ()', '(sum without() foo)'],
    ['SUM BY (a) (foo)', '(sum by(a) foo)'],
    ['avg(foo) by ("a.b",)', '(avg by(a.b) foo)'],
    ['topk(5, foo)', '(topk 5 foo)'],
    ['bottomk by (x) (2, foo)', '(bottomk by(x) 2 foo)'],
    ['quantile(0.9, foo)', '(quantile 0.9 foo)'],
    ['count_values("v", foo)', '(count_values "v" foo)'],
    ['limitk(1, foo)', '(limitk 1 foo)'],
    ['limit_ratio(0.5, foo)', '(limit_ratio 0.5 foo)'],
    ['min(foo)', '(min foo)'],
    ['max(foo)', '(max foo)'],
    ['count(foo)', '(count foo)'],
    ['group(foo)', '(group foo)'],
    ['stddev(foo)', '(stddev foo)'],
    ['stdvar(foo)', '(stdvar foo)'],
    ['sum(rate(foo[5m])) by (job) / 2', '(/ (sum by(job) (rate foo[5m])) 2)'],
    ['rate(foo[5m])', '(rate foo[5m])'],
    ['time()', '(time)'],
    ['round(foo)', '(round foo)'],
    ['round(foo, 5)', '(round foo 5)'],
    ['label_join(foo, "a", ",", "b", "c", "d")', '(label_join foo "a" "," "b" "c" "d")'],
    [
      'histogram_quantile(0.9, sum by (le) (rate(x[5m])))',
      '(histogram_quantile 0.9 (sum by(le) (rate x[5m])))',
    ],
    ['info(foo, {data=~".+"})', '(info foo {data=~".+"})'],
    ['info(foo, {data=~".*"})', '(info foo {data=~".*"})'],
    ['info(foo)', '(info foo)'],
    ['step()', '(step)'],
    ['start()', '(start)'],
    ['max_of(1, 2)', '(max_of 1 2)'],
    ['vector(1) + sum(x)', '(+ [one-to-one] (vector 1) (sum x))'],
  ];
  it.each(cases)('%s', (input, want) => {
    expect(tree(parse(input))).toBe(want);
  });
});

describe('subqueries, modifiers and duration expressions', () => {
  const cases: [string, string][] = [
    ['foo[5m:1m]', '(subquery foo [5m:1m])'],
    ['foo[5m:]', '(subquery foo [5m:])'],
    [
      'rate(foo[5m])[30m:1m] offset 1h @ end()',
      '(subquery (rate foo[5m]) [30m:1m] @ end() offset 1h)',
    ],
    ['foo offset 5m [10m:1m]', '(subquery foo offset 5m [10m:1m])'],
    ['sum(foo)[1h:] @ 100', '(subquery (sum foo) [1h:] @ 100.000)'],
    ['foo[5m] anchored', 'foo[5m] anchored'],
    ['foo[5m] smoothed offset 1m', 'foo[5m] smoothed offset 1m'],
    ['foo anchored', 'foo anchored'],
    ['foo[26m+4m]', 'foo[26m + 4m]'],
    ['foo[2m*(10+5)]', 'foo[2m * (10 + 5)]'],
    ['foo[-5m+35m]', 'foo[-5m + 35m]'],
    ['foo[1h30m % 1h]', 'foo[1h30m % 1h]'],
    ['foo[2 ^ 3 ^ 2]', 'foo[2 ^ 3 ^ 2]'],
    ['foo[step()]', 'foo[step()]'],
    ['foo[STep()+1]', 'foo[step() + 1]'],
    ['foo[min_of(step()+1,1h)]', 'foo[min_of(step() + 1, 1h)]'],
    ['foo[(5m)]', 'foo[(5m)]'],
    ['foo[29s+1s:5s+5s]', '(subquery foo [29s + 1s:5s + 5s])'],
    ['foo offset (100 + 2)', 'foo offset (100 + 2)'],
    ['foo offset 100 + 2', '(+ foo offset 1m40s 2)'],
    ['foo offset -2 ^ 2', '(^ foo offset -2s 2)'],
    ['foo offset -step()*2', '(* foo offset -step() 2)'],
    ['foo offset step()', 'foo offset step()'],
    ['foo offset -(1m + 1s)', 'foo offset -(1m + 1s)'],
    ['foo offset range()', 'foo offset range()'],
    ['foo offset min_of(step(), 1s)+8000', '(+ foo offset min_of(step(), 1s) 8000)'],
    ['foo[5m] offset step()', 'foo[5m] offset step()'],
  ];
  it.each(cases)('%s', (input, want) => {
    expect(tree(parse(input))).toBe(want);
  });

  it('keeps a constant range as milliseconds and an expression as a tree', () => {
    const constant = parse('foo[90s]');
    expect(constant.kind === 'MatrixSelector' && [constant.rangeMs, constant.rangeExpr]).toEqual([
      90_000,
      undefined,
    ]);
    const sq = parse('foo[1m:step()] offset 30s');
    expect(
      sq.kind === 'SubqueryExpr' && [sq.rangeMs, sq.stepMs, sq.stepExpr?.op, sq.offsetMs],
    ).toEqual([60_000, 0, 'step', 30_000]);
  });

  it('drops vector matching unless both sides are instant vectors', () => {
    const e = parse('1 + foo');
    expect(e.kind === 'BinaryExpr' && e.matching).toBeUndefined();
  });

  it('records the source range of every node', () => {
    const e = parse(' sum by (a) (rate(x[5m])) + 1');
    expect(e.pos).toEqual({ start: 1, end: 29 });
    expect(e.kind === 'BinaryExpr' && e.lhs.pos).toEqual({ start: 1, end: 25 });
  });
});
