import { describe, expect, it } from '@jest/globals';
import { selectorMatchers } from './selectors.js';

describe('selectorMatchers', () => {
  it.each([
    ['1 + 2', []],
    ['m', ['m']],
    ['rate(a[5m]) / on() group_left b', ['a', 'b']],
    ['sum by (x) (max_over_time((-c)[10m:1m])) and d offset 1m', ['c', 'd']],
    ['topk(scalar(e), f)', ['e', 'f']],
    ['histogram_quantile(0.5, {__name__="g", le!=""})', ['g']],
    ['h +', []],
  ])('finds the selectors of %s', (expr, names) => {
    const found = selectorMatchers(expr).map((ms) => ms.find((m) => m.name === '__name__')?.value);
    expect(found).toEqual(names);
  });
});
