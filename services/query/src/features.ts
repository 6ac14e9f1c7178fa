import type { ParseOptions } from '@promethium/promql';

/** What `--enable-feature` turns on in the query engine. */
export interface EngineFeatures {
  readonly parseOptions: Required<ParseOptions>;
  readonly useStartTimestamps: boolean;
  /** Names this service does not know (Prometheus warns and goes on). */
  readonly unknown: readonly string[];
  /** Names Prometheus keeps accepting although the feature is now always on. */
  readonly alwaysOn: readonly string[];
}

// Prometheus 3.x feature names. Duration expressions are permanently enabled there now,
// so the old flag is accepted and does nothing.
const ALWAYS_ON = new Set(['promql-duration-expr']);

/**
 * Reads `--enable-feature` values (each may list several names, comma-separated) into
 * engine options, as Prometheus's own flag does for the PromQL features.
 */
export function engineFeatures(values: readonly string[]): EngineFeatures {
  const names = values.flatMap((v) => v.split(',')).filter((n) => n !== '');
  const on = new Set(names);
  return {
    parseOptions: {
      experimentalFunctions: on.has('promql-experimental-functions'),
      durationExpressions: true,
      extendedRangeSelectors: on.has('promql-extended-range-selectors'),
      binopFillModifiers: on.has('promql-binop-fill-modifiers'),
    },
    useStartTimestamps: on.has('use-start-timestamps'),
    unknown: names.filter((n) => !KNOWN.has(n) && !ALWAYS_ON.has(n)),
    alwaysOn: names.filter((n) => ALWAYS_ON.has(n)),
  };
}

const KNOWN = new Set([
  'promql-experimental-functions',
  'promql-extended-range-selectors',
  'promql-binop-fill-modifiers',
  'use-start-timestamps',
]);
