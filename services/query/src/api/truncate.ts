import type { QueryResult } from '@promethium/promql';

// Prometheus's warning when `limit` cuts a query's result.
const TRUNCATED = 'results truncated due to limit';

/**
 * The first `limit` series of a vector or matrix, with Prometheus's warning when some are
 * cut; scalars and strings, and every result when `limit` is 0, pass unchanged.
 */
export function truncate(result: QueryResult, limit: number): QueryResult {
  if (limit === 0) return result;
  switch (result.kind) {
    case 'vector':
      return firstSeries(result, limit);
    case 'matrix':
      return firstSeries(result, limit);
    default:
      return result;
  }
}

function firstSeries<
  T extends { readonly series: readonly unknown[]; readonly warnings: readonly string[] },
>(result: T, limit: number): T {
  if (result.series.length <= limit) return result;
  return {
    ...result,
    series: result.series.slice(0, limit),
    warnings: [...result.warnings, TRUNCATED],
  };
}
