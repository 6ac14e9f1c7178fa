import { METRIC_NAME } from '@promethium/model';
import type { Labels } from '@promethium/model';
import { QueryError } from '../errors.js';
import type { InstantSample } from '../engine/result.js';
import { METRIC_METADATA_LABELS } from './matching.js';

/** Prometheus's message when an operation yields two series with one label set. */
export const DUPLICATE_LABELSET = 'vector cannot contain metrics with the same labelset';

/** Throws QueryError('execution', DUPLICATE_LABELSET) when two samples share a label set. */
export function assertUniqueLabelsets(samples: readonly InstantSample[]): void {
  if (samples.length < 2) return;
  const seen = new Set<string>();
  for (const s of samples) {
    const key = s.labels.key();
    if (seen.has(key)) throw new QueryError('execution', DUPLICATE_LABELSET);
    seen.add(key);
  }
}

/** The labels without the metric name and its metadata (`__type__`, `__unit__`). */
export function dropMetricName(labels: Labels): Labels {
  if (!labels.has(METRIC_NAME) && !labels.has('__type__') && !labels.has('__unit__')) return labels;
  return labels.without(...METRIC_METADATA_LABELS);
}
