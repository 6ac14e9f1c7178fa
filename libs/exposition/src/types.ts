import type { Labels } from '@promethium/model';

/** The metric types of the text format 0.0.4. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/** One sample line. */
export interface ParsedSample {
  /** The metric name as written on the line (e.g. `http_request_duration_seconds_bucket`). */
  name: string;
  /** Every label, `__name__` included; labels with empty values are dropped, as Labels does. */
  labels: Labels;
  value: number;
  /** The line's own timestamp in milliseconds, when it has one. */
  timestampMs?: number;
}

/** What HELP and TYPE lines said about a metric name; `untyped` when only HELP was given. */
export interface MetricMetadata {
  type: MetricType;
  help?: string;
}

/** Everything a body holds: samples in body order, and metadata by metric name. */
export interface ParseResult {
  samples: ParsedSample[];
  metadata: Map<string, MetricMetadata>;
}
