import { describe, expect, it } from '@jest/globals';
import { atVariants } from './at-variants.js';

describe('atVariants', () => {
  const cases: [string, number, string | undefined, number[]][] = [
    ['x', 0, 'x @ 0.000', [-1000, 0, 1000]],
    ['rate(x[5m])', 60_000, 'rate(x[5m] @ 60.000)', [-600_000, 0, 12_000, 60_000, 600_000]],
    // A selector with its own @ keeps it; nothing inside a subquery changes.
    ['x @ 10 + y', 7, 'x @ 10.000 + y @ 0.007', [-70, 0, 1, 7, 70]],
    [
      'max_over_time(rate(x[1m])[5m:1m])',
      0,
      'max_over_time(rate(x[1m])[5m:1m] @ 0.000)',
      [-1000, 0, 1000],
    ],
    // Time-dependent functions and bad queries are skipped.
    ['timestamp(x)', 5, undefined, []],
    ['hour()', 5, undefined, []],
    ['x{', 5, undefined, []],
  ];
  it.each(cases)('%s at %d', (expr, time, pinned, times) => {
    const variants = atVariants(expr, time);
    expect(variants.map((v) => v.timeMs)).toEqual(times);
    for (const v of variants) expect(v.expr).toBe(pinned);
  });
});
