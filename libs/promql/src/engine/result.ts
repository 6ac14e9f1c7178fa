import type { Labels } from '@promethium/model';

/** A value at a time (milliseconds). */
export interface Point {
  readonly t: number;
  readonly v: number;
}

/** One series of an instant vector: its value at the evaluation time `t`. */
export interface InstantSample {
  readonly labels: Labels;
  readonly t: number;
  readonly v: number;
}

/** One series of a range vector or range-query result, points in ascending time. */
export interface RangeSeries {
  readonly labels: Labels;
  readonly samples: readonly Point[];
}

/**
 * The outcome of a query. Series are sorted by labels (compareLabels); times are
 * milliseconds. `warnings` carries the query's annotations ("PromQL warning: …" / "PromQL info: …").
 */
export type QueryResult =
  | {
      readonly kind: 'vector';
      readonly series: readonly InstantSample[];
      readonly warnings: readonly string[];
    }
  | {
      readonly kind: 'matrix';
      readonly series: readonly RangeSeries[];
      readonly warnings: readonly string[];
    }
  | {
      readonly kind: 'scalar';
      readonly t: number;
      readonly v: number;
      readonly warnings: readonly string[];
    }
  | {
      readonly kind: 'string';
      readonly t: number;
      readonly v: string;
      readonly warnings: readonly string[];
    };
