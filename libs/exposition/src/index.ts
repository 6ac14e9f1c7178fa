export { parsePrometheusText } from './parse.js';
export { ExpositionError } from './errors.js';
export type { ParsedSample, MetricMetadata, MetricType, ParseResult } from './types.js';
