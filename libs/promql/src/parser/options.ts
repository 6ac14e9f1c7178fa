/**
 * Prometheus's experimental PromQL features, each off unless set (as in Prometheus,
 * where each is an --enable-feature flag). Prometheus's own test harness turns all on.
 */
export interface ParseOptions {
  /** Experimental functions and the limitk/limit_ratio aggregations. */
  readonly experimentalFunctions?: boolean;
  /** Arithmetic duration expressions, step(), range(), min_of(), max_of() in durations. */
  readonly durationExpressions?: boolean;
  /** The `anchored` and `smoothed` range selector modifiers. */
  readonly extendedRangeSelectors?: boolean;
  /** fill(), fill_left() and fill_right() on binary operators. */
  readonly binopFillModifiers?: boolean;
}

/** Every experimental feature on, as Prometheus's promqltest harness runs. */
export const ALL_EXPERIMENTAL: Required<ParseOptions> = {
  experimentalFunctions: true,
  durationExpressions: true,
  extendedRangeSelectors: true,
  binopFillModifiers: true,
};
