import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCRAPE_PROTOCOLS, acceptHeader } from './scrape-protocols.js';

describe('acceptHeader', () => {
  it('builds the default list as Prometheus does under legacy name validation', () => {
    expect(acceptHeader(DEFAULT_SCRAPE_PROTOCOLS)).toBe(
      'application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,' +
        'application/openmetrics-text;version=0.0.1;q=0.5,' +
        'text/plain;version=1.0.0;escaping=underscores;q=0.4,' +
        'text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
    );
  });

  it("matches Prometheus 3's default header when asked for UTF-8 names", () => {
    expect(acceptHeader(DEFAULT_SCRAPE_PROTOCOLS, 'allow-utf-8')).toBe(
      'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,' +
        'application/openmetrics-text;version=0.0.1;q=0.5,' +
        'text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,' +
        'text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
    );
  });

  it('leaves PrometheusProto out but keeps the q-values Prometheus gives the rest', () => {
    expect(
      acceptHeader(['PrometheusProto', 'OpenMetricsText1.0.0', 'PrometheusText0.0.4'], 'dots'),
    ).toBe(
      'application/openmetrics-text;version=1.0.0;escaping=dots;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.3',
    );
  });

  it('follows the order given', () => {
    expect(acceptHeader(['PrometheusText0.0.4', 'OpenMetricsText0.0.1'])).toBe(
      'text/plain;version=0.0.4;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,*/*;q=0.4',
    );
  });
});
