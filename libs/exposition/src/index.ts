export { parsePrometheusText } from './parse.js';
export { parseOpenMetrics } from './openmetrics/parse.js';
export type { OpenMetricsOptions } from './openmetrics/parse.js';
export { parseScrapeBody, ScrapeContentTypeError } from './scrape-body.js';
export {
  acceptHeader,
  DEFAULT_SCRAPE_PROTOCOLS,
  SCRAPE_PROTOCOL_HEADERS,
} from './scrape-protocols.js';
export type { NameEscapingScheme, ScrapeProtocol } from './scrape-protocols.js';
export { formatPrometheusText } from './format.js';
export type { TextFamily, TextSample } from './format.js';
export { ExpositionError } from './errors.js';
export { SeriesTextCache } from './series-text-cache.js';
export type { Exemplar, ParsedSample, MetricMetadata, MetricType, ParseResult } from './types.js';
