import { describe, expect, it } from '@jest/globals';
import { ExpositionError } from './errors.js';
import { parseMediaType } from './media-type.js';
import { ScrapeContentTypeError, parseScrapeBody } from './scrape-body.js';

// Parses as the text format only (no # EOF), and as OpenMetrics only (the text format has no info type).
const TEXT = 'up 1\n';
const OPENMETRICS = '# TYPE a info\na_info 1\n# EOF\n';

function formatOf(
  contentType: string | undefined,
  fallback?: Parameters<typeof parseScrapeBody>[2],
): string {
  const asText = tryParse(TEXT, contentType, fallback);
  const asOpenMetrics = tryParse(OPENMETRICS, contentType, fallback);
  if (asText && !asOpenMetrics) return 'text';
  if (asOpenMetrics && !asText) return 'openmetrics';
  throw new Error(`no single format for ${contentType}`);
}

function tryParse(
  body: string,
  contentType: string | undefined,
  fallback?: Parameters<typeof parseScrapeBody>[2],
): boolean {
  try {
    parseScrapeBody(body, contentType, fallback);
    return true;
  } catch (err) {
    if (err instanceof ExpositionError) return false;
    throw err;
  }
}

function errorOf(contentType: string | undefined): string {
  try {
    parseScrapeBody(OPENMETRICS, contentType);
  } catch (err) {
    if (err instanceof ScrapeContentTypeError) return err.message;
    throw err;
  }
  throw new Error(`parsed with Content-Type ${contentType}`);
}

describe('parseScrapeBody', () => {
  it.each([
    ['text/plain; version=0.0.4; charset=utf-8', 'text'],
    ['text/plain;version=1.0.0;escaping=underscores', 'text'],
    ['TEXT/Plain', 'text'],
    ['application/openmetrics-text; version=1.0.0; charset=utf-8', 'openmetrics'],
    ['application/openmetrics-text;version=0.0.1', 'openmetrics'],
    [' Application/OpenMetrics-Text ;version="1.0.0";', 'openmetrics'],
  ])('reads a %j body as %s', (contentType, want) => {
    expect(formatOf(contentType)).toBe(want);
  });

  it('parses OpenMetrics leniently, as a scrape does', () => {
    const { samples } = parseScrapeBody('a{b="1",} 1\n# EOF', 'application/openmetrics-text');
    expect(samples[0]!.labels.get('b')).toBe('1');
  });

  it.each([
    [undefined, 'OpenMetricsText1.0.0', 'openmetrics'],
    ['', 'PrometheusText0.0.4', 'text'],
    ['text/html', 'OpenMetricsText0.0.1', 'openmetrics'],
    ['text/plain/x', 'PrometheusText1.0.0', 'text'],
  ] as const)('uses the fallback for Content-Type %j (%s)', (contentType, fallback, want) => {
    expect(formatOf(contentType, fallback)).toBe(want);
  });

  it('ignores the fallback when the Content-Type is known', () => {
    expect(formatOf('text/plain', 'OpenMetricsText1.0.0')).toBe('text');
  });

  it.each([
    [
      undefined,
      'non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target',
    ],
    [
      '',
      'non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target',
    ],
    [
      'text/html; charset=utf-8',
      'received unsupported Content-Type "text/html; charset=utf-8" and no fallback_scrape_protocol specified for target',
    ],
    [
      'text',
      'received unsupported Content-Type "text" and no fallback_scrape_protocol specified for target',
    ],
    [
      'text/plain/x',
      'cannot parse Content-Type "text/plain/x" and no fallback_scrape_protocol for target\nmime: unexpected content after media subtype',
    ],
    [
      'text/plain; version',
      'cannot parse Content-Type "text/plain; version" and no fallback_scrape_protocol for target\nmime: invalid media parameter',
    ],
    [
      'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily',
      'the protobuf exposition format (application/vnd.google.protobuf) is not supported',
    ],
  ])("fails for Content-Type %j with Prometheus's error", (contentType, want) => {
    expect(errorOf(contentType)).toBe(want);
  });

  it('fails for the protobuf fallback', () => {
    expect(() => parseScrapeBody(TEXT, undefined, 'PrometheusProto')).toThrow(
      ScrapeContentTypeError,
    );
  });
});

describe('parseMediaType, as Go checks a Content-Type', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['  Text/Plain  ', 'text/plain'],
    ['text', 'text'],
    ['text/plain;', 'text/plain'],
    ['text/plain ; a=1 ; b="x;\\"y"', 'text/plain'],
    ['text/plain; a=1; A=1', 'text/plain'],
    ['text/plain; a=""', 'text/plain'],
  ])('takes %j as %j', (value, want) => {
    expect(parseMediaType(value)).toBe(want);
  });

  it.each([
    ['', 'mime: no media type'],
    ['/plain', 'mime: no media type'],
    ['text plain', 'mime: expected slash after first token'],
    ['text/', 'mime: expected token after slash'],
    ['text/plain x', 'mime: unexpected content after media subtype'],
    ['text/plain; a', 'mime: invalid media parameter'],
    ['text/plain; a=', 'mime: invalid media parameter'],
    ['text/plain; a="x', 'mime: invalid media parameter'],
    ['text/plain; a=1 b=2', 'mime: invalid media parameter'],
    ['text/plain; a=1; a=2', 'mime: duplicate parameter name'],
  ])('refuses %j with %j', (value, want) => {
    expect(() => parseMediaType(value)).toThrow(want);
  });
});
