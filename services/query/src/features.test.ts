import { describe, expect, it } from '@jest/globals';
import { ParseError, parseExpr } from '@promethium/promql';
import { engineFeatures } from './features.js';

describe('engineFeatures', () => {
  it('turns on the named PromQL features, comma-separated or repeated', () => {
    const f = engineFeatures([
      'promql-experimental-functions,use-start-timestamps',
      'promql-extended-range-selectors',
    ]);
    expect(f.parseOptions).toEqual({
      experimentalFunctions: true,
      durationExpressions: true,
      extendedRangeSelectors: true,
      binopFillModifiers: false,
    });
    expect(f.useStartTimestamps).toBe(true);
    expect(f.unknown).toEqual([]);
  });

  it('keeps duration expressions on, as Prometheus 3 does, and reports other names', () => {
    const f = engineFeatures(['promql-duration-expr,exemplar-storage', '']);
    expect(f.parseOptions.durationExpressions).toBe(true);
    expect(f.alwaysOn).toEqual(['promql-duration-expr']);
    expect(f.unknown).toEqual(['exemplar-storage']);
  });

  it('gates experimental syntax in the parser', () => {
    const off = engineFeatures([]).parseOptions;
    const on = engineFeatures(['promql-experimental-functions']).parseOptions;
    expect(() => parseExpr('limitk(1, up)', off)).toThrow(ParseError);
    expect(() => parseExpr('limitk(1, up)', on)).not.toThrow();
    expect(() => parseExpr('rate(up[5m + 1m])', off)).not.toThrow();
  });
});
