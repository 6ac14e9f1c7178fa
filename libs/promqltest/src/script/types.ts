import type { Labels } from '@promethium/model';
import type RE2 from 're2';

/**
 * A native histogram literal `{{schema:0 sum:5 count:4 buckets:[1 2 1]}}`, fields as
 * written (absent when omitted). It is parsed only so far as to validate it: the
 * engine does not support native histograms yet.
 */
export interface HistogramLiteral {
  readonly schema?: number;
  readonly sum?: number;
  readonly count?: number;
  readonly zBucket?: number;
  readonly zBucketW?: number;
  readonly buckets?: readonly number[];
  readonly offset?: number;
  readonly nBuckets?: readonly number[];
  readonly nOffset?: number;
  readonly counterResetHint?: 'unknown' | 'reset' | 'not_reset' | 'gauge';
  readonly customValues?: readonly number[];
}

/**
 * A native histogram in a value sequence: `literal`, or for the n-th element of an
 * expansion `{{a}}+{{b}}xN` the (unevaluated) sum `literal ± step.index·step.delta`.
 */
export interface HistogramValue {
  readonly literal: HistogramLiteral;
  readonly step?: {
    readonly op: '+' | '-';
    readonly delta: HistogramLiteral;
    readonly index: number;
  };
}

/** One element of an expanded value sequence: a float, a staleness marker, a gap (`_`) or a histogram. */
export type SequenceValue =
  | { readonly kind: 'float'; readonly v: number }
  | { readonly kind: 'stale' }
  | { readonly kind: 'omitted' }
  | { readonly kind: 'histogram'; readonly histogram: HistogramValue };

/** A series line: labels and the expanded values, one per step. */
export interface SeriesLine {
  readonly line: number;
  readonly labels: Labels;
  readonly values: readonly SequenceValue[];
  /**
   * Start-timestamp offsets (ms, relative to each sample) from a preceding `@st`
   * line, one per value (undefined for `_`); absent without such a line.
   */
  readonly startOffsets?: readonly (number | undefined)[];
}

/** `load <interval>` / `load_with_nhcb <interval>`: samples at 0, interval, 2·interval, … */
export interface LoadCommand {
  readonly kind: 'load';
  readonly line: number;
  readonly intervalMs: number;
  readonly withNhcb: boolean;
  readonly series: readonly SeriesLine[];
}

/** `clear`: empties the storage. */
export interface ClearCommand {
  readonly kind: 'clear';
  readonly line: number;
}

/** How an expected error or annotation text is matched. */
export type TextMatcher =
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly text: string }
  | { readonly kind: 'regex'; readonly source: string; readonly regex: RE2 };

/**
 * Expectations on one annotation kind (warn or info): `required` from the legacy
 * `eval_warn`/`eval_info`, `matchers` from `expect warn|info [msg:|regex:]`,
 * `forbidden` from `expect no_warn|no_info`. All empty means unchecked.
 */
export interface AnnotationExpectation {
  readonly required: boolean;
  readonly matchers: readonly TextMatcher[];
  readonly forbidden: boolean;
}

/** Sample times of a range result: start, start + step, … up to end (ms). */
export interface TimeGrid {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

/** The query of an eval: instant at a time, or a range query. */
export type EvalQuery =
  | { readonly kind: 'instant'; readonly timeMs: number }
  | {
      readonly kind: 'range';
      readonly startMs: number;
      readonly endMs: number;
      readonly stepMs: number;
    };

/** An expected series of an eval result; `position` is its 1-based place among the result lines. */
export interface ExpectedSeries {
  readonly line: number;
  readonly labels: Labels;
  readonly values: readonly SequenceValue[];
  readonly position: number;
}

/** What an eval's result must be: series (possibly none) or a scalar. */
export type ExpectedResult =
  | { readonly kind: 'series'; readonly series: readonly ExpectedSeries[] }
  | { readonly kind: 'scalar'; readonly value: number };

/** Every expectation of an eval besides its result lines. */
export interface Expectations {
  /** Present when the query must fail; every matcher must accept the error text. */
  readonly fail: { readonly matchers: readonly TextMatcher[] } | undefined;
  readonly ordered: boolean;
  readonly warn: AnnotationExpectation;
  readonly info: AnnotationExpectation;
  /** `expect range vector from … to … step …` (instant evals only). */
  readonly rangeVector: TimeGrid | undefined;
  /** `expect string "…"` (instant evals only). */
  readonly string: string | undefined;
}

/** `eval instant at …` / `eval range from … to … step …` with its expectations. */
export interface EvalCommand {
  readonly kind: 'eval';
  readonly line: number;
  readonly expr: string;
  readonly query: EvalQuery;
  readonly expect: Expectations;
  readonly result: ExpectedResult;
}

/** One script command. */
export type Command = LoadCommand | ClearCommand | EvalCommand;

/** A parsed `.test` file. */
export interface Script {
  readonly file: string;
  readonly commands: readonly Command[];
}
