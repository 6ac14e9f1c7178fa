/** The exposition formats a scrape can ask for, by the names of Prometheus's `scrape_protocols`. */
export type ScrapeProtocol =
  | 'PrometheusProto'
  | 'PrometheusText0.0.4'
  | 'PrometheusText1.0.0'
  | 'OpenMetricsText0.0.1'
  | 'OpenMetricsText1.0.0';

/** Each protocol's entry in the Accept header, before its escaping and q parameters. */
export const SCRAPE_PROTOCOL_HEADERS: Readonly<Record<ScrapeProtocol, string>> = {
  PrometheusProto:
    'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited',
  'PrometheusText0.0.4': 'text/plain;version=0.0.4',
  'PrometheusText1.0.0': 'text/plain;version=1.0.0',
  'OpenMetricsText0.0.1': 'application/openmetrics-text;version=0.0.1',
  'OpenMetricsText1.0.0': 'application/openmetrics-text;version=1.0.0',
};

/** What Prometheus 3 asks for when `scrape_protocols` is not set, most wanted first. */
export const DEFAULT_SCRAPE_PROTOCOLS: readonly ScrapeProtocol[] = [
  'OpenMetricsText1.0.0',
  'OpenMetricsText0.0.1',
  'PrometheusText1.0.0',
  'PrometheusText0.0.4',
];

/** How a target should write metric names outside the legacy character set. */
export type NameEscapingScheme = 'allow-utf-8' | 'underscores' | 'dots' | 'values';

/**
 * Builds the Accept header for `protocols` (most wanted first) as Prometheus does: each
 * protocol's media type with q-weights falling from 0.6, the 1.0.0 formats with an
 * `escaping` parameter, and `*\/*` last.
 *
 * `escaping` defaults to `underscores`, what Prometheus sends under
 * `metric_name_validation_scheme: legacy`: our parsers take legacy metric names only,
 * so asking targets for UTF-8 names (Prometheus 3's default `allow-utf-8`) would invite
 * bodies we cannot parse.
 *
 * PrometheusProto is left out because we do not parse protobuf. It still uses up its
 * weight, so that every other entry carries the q-value Prometheus would give it.
 */
export function acceptHeader(
  protocols: readonly ScrapeProtocol[],
  escaping: NameEscapingScheme = 'underscores',
): string {
  const parts: string[] = [];
  let weight = Object.keys(SCRAPE_PROTOCOL_HEADERS).length + 1;
  for (const protocol of protocols) {
    if (protocol !== 'PrometheusProto') {
      let part = SCRAPE_PROTOCOL_HEADERS[protocol];
      if (protocol === 'PrometheusText1.0.0' || protocol === 'OpenMetricsText1.0.0') {
        part += `;escaping=${escaping}`;
      }
      parts.push(`${part};q=0.${weight}`);
    }
    weight--;
  }
  parts.push(`*/*;q=0.${weight}`);
  return parts.join(',');
}

/** The media type a protocol's responses carry (its header entry up to the first `;`). */
export function protocolMediaType(protocol: ScrapeProtocol): string {
  const header = SCRAPE_PROTOCOL_HEADERS[protocol];
  return header.slice(0, header.indexOf(';'));
}
