import { goQuote } from '@promethium/model';
import { MediaTypeError, parseMediaType } from './media-type.js';
import { parseOpenMetrics } from './openmetrics/parse.js';
import { parsePrometheusText } from './parse.js';
import { protocolMediaType } from './scrape-protocols.js';
import type { ScrapeProtocol } from './scrape-protocols.js';
import type { SeriesTextCache } from './series-text-cache.js';
import type { ParseResult } from './types.js';

/** A scrape response whose Content-Type names no format we can parse; the message is Prometheus's. */
export class ScrapeContentTypeError extends Error {
  override readonly name = 'ScrapeContentTypeError';
}

const OPENMETRICS = 'application/openmetrics-text';
const PROMETHEUS_TEXT = 'text/plain';
const PROMETHEUS_PROTO = 'application/vnd.google.protobuf';

/**
 * Parses a scrape response by its Content-Type, as Prometheus picks its parser:
 * `text/plain` is the text format, `application/openmetrics-text` OpenMetrics (leniently,
 * as a scrape takes it). A missing, unparsable or unknown Content-Type uses `fallback`
 * (Prometheus only logs that at debug level); without one the scrape fails with
 * Prometheus's error. Throws ScrapeContentTypeError for those failures and for protobuf,
 * which we do not parse, and ExpositionError for a bad body. `cache` is the target's,
 * carrying its label sets from one scrape to the next.
 */
export function parseScrapeBody(
  body: string,
  contentType: string | undefined,
  fallback?: ScrapeProtocol,
  cache?: SeriesTextCache,
): ParseResult {
  const mediaType = scrapeMediaType(contentType, fallback);
  if (mediaType === OPENMETRICS) return parseOpenMetrics(body, { cache });
  if (mediaType === PROMETHEUS_TEXT) return parsePrometheusText(body, cache);
  throw new ScrapeContentTypeError(
    `the protobuf exposition format (${PROMETHEUS_PROTO}) is not supported`,
  );
}

// Prometheus's textparse.extractMediaType, which uses the fallback as it is.
function scrapeMediaType(contentType: string | undefined, fallback?: ScrapeProtocol): string {
  const fallbackType = fallback === undefined ? '' : protocolMediaType(fallback);
  if (contentType === undefined || contentType === '') {
    if (fallbackType !== '') return fallbackType;
    throw new ScrapeContentTypeError(
      'non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target',
    );
  }
  let mediaType: string;
  try {
    mediaType = parseMediaType(contentType);
  } catch (err) {
    if (!(err instanceof MediaTypeError)) throw err;
    if (fallbackType !== '') return fallbackType;
    // Prometheus joins the two errors, which puts them on two lines.
    throw new ScrapeContentTypeError(
      `cannot parse Content-Type ${goQuote(contentType)} and no fallback_scrape_protocol for target\n${err.message}`,
    );
  }
  if (
    mediaType === OPENMETRICS ||
    mediaType === PROMETHEUS_TEXT ||
    mediaType === PROMETHEUS_PROTO
  ) {
    return mediaType;
  }
  if (fallbackType !== '') return fallbackType;
  throw new ScrapeContentTypeError(
    `received unsupported Content-Type ${goQuote(contentType)} and no fallback_scrape_protocol specified for target`,
  );
}
