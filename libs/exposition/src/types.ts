import type { Labels } from '@promethium/model';

/**
 * The metric types: those of the text format 0.0.4 (`untyped` is its name for "no
 * type") and those OpenMetrics adds (`unknown` is OpenMetrics' name for it).
 */
export type MetricType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'summary'
  | 'untyped'
  | 'gaugehistogram'
  | 'stateset'
  | 'info'
  | 'unknown';

/** An OpenMetrics exemplar: a reference (a trace ID, say) attached to one sample. */
export interface Exemplar {
  labels: Labels;
  value: number;
  /** The exemplar's own timestamp in milliseconds, when it has one. */
  timestampMs?: number;
}

/** One sample line. */
export interface ParsedSample {
  /** The metric name as written on the line (e.g. `http_request_duration_seconds_bucket`). */
  name: string;
  /** Every label, `__name__` included; labels with empty values are dropped, as Labels does. */
  labels: Labels;
  value: number;
  /** The line's own timestamp in milliseconds, when it has one. */
  timestampMs?: number;
  /** The exemplar written after the value (OpenMetrics only). */
  exemplar?: Exemplar;
}

/**
 * What HELP, TYPE and UNIT lines said about a metric name; without a TYPE line the type
 * is `untyped` (text format) or `unknown` (OpenMetrics).
 */
export interface MetricMetadata {
  type: MetricType;
  help?: string;
  /** The unit of an OpenMetrics family, when a UNIT line gave a non-empty one. */
  unit?: string;
}

/** Everything a body holds: samples in body order, and metadata by metric name. */
export interface ParseResult {
  samples: ParsedSample[];
  metadata: Map<string, MetricMetadata>;
}
