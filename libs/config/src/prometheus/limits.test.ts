import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../errors.js';
import { parsePrometheusConfig } from './load.js';
import type { ScrapeLimits } from './types.js';

function load(text: string) {
  return parsePrometheusConfig(text, 'prometheus.yml').config;
}

function failure(text: string): string {
  try {
    parsePrometheusConfig(text, 'prometheus.yml');
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const NONE = {
  sampleLimit: 0,
  labelLimit: 0,
  labelNameLengthLimit: 0,
  labelValueLengthLimit: 0,
  bodySizeLimit: 0,
  targetLimit: 0,
  keepDroppedTargets: 0,
};

const limitsOf = (c: ScrapeLimits) =>
  Object.fromEntries(Object.keys(NONE).map((name) => [name, c[name as keyof ScrapeLimits]]));

const GLOBAL_LIMITS = `global:
  sample_limit: 1000
  label_limit: 30
  label_name_length_limit: 200
  label_value_length_limit: 0x400
  body_size_limit: 10MB
  target_limit: 50
  keep_dropped_targets: 100
`;

describe('scrape limits', () => {
  it('are all 0 (no limit) by default', () => {
    const config = load('scrape_configs:\n  - job_name: a\n');
    expect(limitsOf(config.global)).toEqual(NONE);
    expect(limitsOf(config.scrapeConfigs[0]!)).toEqual(NONE);
  });

  it('come from global when a job sets none, and a job value overrides', () => {
    const config = load(`${GLOBAL_LIMITS}scrape_configs:
  - job_name: inherits
  - job_name: overrides
    sample_limit: 5
    label_limit: 0
    body_size_limit: 1KiB
    keep_dropped_targets: 7
`);
    const global = {
      sampleLimit: 1000,
      labelLimit: 30,
      labelNameLengthLimit: 200,
      labelValueLengthLimit: 1024,
      bodySizeLimit: 10 * 1024 * 1024,
      targetLimit: 50,
      keepDroppedTargets: 100,
    };
    expect(limitsOf(config.global)).toEqual(global);
    expect(limitsOf(config.scrapeConfigs[0]!)).toEqual(global);
    expect(limitsOf(config.scrapeConfigs[1]!)).toEqual({
      ...global,
      sampleLimit: 5,
      bodySizeLimit: 1024,
      keepDroppedTargets: 7,
    });
  });

  it('read a negative body size limit as none, which a job does not inherit', () => {
    const config = load(`global: {body_size_limit: -1KB}
scrape_configs:
  - job_name: a
  - job_name: b
    body_size_limit: 1KB
  - job_name: c
    body_size_limit: -1KB
`);
    const limits = [config.global, ...config.scrapeConfigs].map((c) => c.bodySizeLimit);
    expect(limits).toEqual([0, 0, 1024, 0]);
    const unlimitedJob = load(`global: {body_size_limit: 1KB}
scrape_configs: [{job_name: a, body_size_limit: -1KB}]
`);
    expect(unlimitedJob.scrapeConfigs[0]!.bodySizeLimit).toBe(0);
  });

  it.each([
    [
      'global:\n  sample_limit: -1\n',
      'prometheus.yml:2:17: global.sample_limit: expected a non-negative integer, got "-1"',
    ],
    [
      'global:\n  target_limit: 1.5\n',
      'prometheus.yml:2:17: global.target_limit: expected a non-negative integer, got "1.5"',
    ],
    [
      'global:\n  label_limit: "10"\n',
      'prometheus.yml:2:16: global.label_limit: expected a non-negative integer, got a quoted string',
    ],
    [
      'global:\n  body_size_limit: 1000\n',
      'prometheus.yml:2:20: global.body_size_limit: units: unknown unit  in 1000',
    ],
    [
      'scrape_configs:\n  - job_name: a\n    keep_dropped_targets: [1]\n',
      'prometheus.yml:3:27: scrape_configs[0].keep_dropped_targets: expected a non-negative integer, got a sequence',
    ],
    [
      'scrape_configs:\n  - job_name: a\n    body_size_limit: 1kB\n',
      'prometheus.yml:3:22: scrape_configs[0].body_size_limit: units: unknown unit kB in 1kB',
    ],
  ])('refuses %j', (text, message) => {
    expect(failure(text)).toBe(message);
  });
});

const OPEN_METRICS_FIRST = [
  'OpenMetricsText1.0.0',
  'OpenMetricsText0.0.1',
  'PrometheusText1.0.0',
  'PrometheusText0.0.4',
];
const SUPPORTED =
  '[OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0]';

describe('scrape protocols', () => {
  it("default to Prometheus 3's list, with no fallback", () => {
    const config = load('global:\n  scrape_protocols:\nscrape_configs:\n  - job_name: a\n');
    expect(config.global.scrapeProtocols).toEqual(OPEN_METRICS_FIRST);
    expect(config.scrapeConfigs[0]!.scrapeProtocols).toEqual(OPEN_METRICS_FIRST);
    expect(config.scrapeConfigs[0]!.fallbackScrapeProtocol).toBeUndefined();
  });

  it('come from global unless the job sets its own', () => {
    const config = load(`global:
  scrape_protocols: [PrometheusText0.0.4, PrometheusProto]
scrape_configs:
  - job_name: a
  - job_name: b
    scrape_protocols: [OpenMetricsText1.0.0]
    fallback_scrape_protocol: PrometheusText1.0.0
`);
    expect(config.global.scrapeProtocols).toEqual(['PrometheusText0.0.4', 'PrometheusProto']);
    expect(config.scrapeConfigs.map((c) => c.scrapeProtocols)).toEqual([
      ['PrometheusText0.0.4', 'PrometheusProto'],
      ['OpenMetricsText1.0.0'],
    ]);
    expect(config.scrapeConfigs[1]!.fallbackScrapeProtocol).toBe('PrometheusText1.0.0');
  });

  it.each([
    [
      'global:\n  scrape_protocols: []\n',
      'prometheus.yml:2:21: global.scrape_protocols: scrape_protocols cannot be empty for global config',
    ],
    [
      'global:\n  scrape_protocols: [PrometheusProto, PrometheusText4]\n',
      `prometheus.yml:2:39: global.scrape_protocols[1]: scrape_protocols: unknown scrape protocol PrometheusText4, supported: ${SUPPORTED} for global config`,
    ],
    [
      'global:\n  scrape_protocols: [PrometheusProto, prometheusproto]\n',
      'prometheus.yml:2:39: global.scrape_protocols[1]: duplicated protocol in scrape_protocols, got [PrometheusProto prometheusproto] for global config',
    ],
    [
      'scrape_configs:\n  - job_name: a\n    scrape_protocols: []\n',
      'prometheus.yml:3:23: scrape_configs[0].scrape_protocols: scrape_protocols cannot be empty for scrape config with job name "a"',
    ],
    [
      'scrape_configs:\n  - job_name: a\n    scrape_protocols:\n      - OpenMetricsText1.0.0\n      - OpenMetricsText1.0.0\n',
      'prometheus.yml:5:9: scrape_configs[0].scrape_protocols[1]: duplicated protocol in scrape_protocols, got [OpenMetricsText1.0.0 OpenMetricsText1.0.0] for scrape config with job name "a"',
    ],
    [
      'scrape_configs:\n  - job_name: a\n    scrape_protocols: [text]\n',
      `prometheus.yml:3:24: scrape_configs[0].scrape_protocols[0]: scrape_protocols: unknown scrape protocol text, supported: ${SUPPORTED} for scrape config with job name "a"`,
    ],
    [
      'scrape_configs:\n  - job_name: a\n    fallback_scrape_protocol: prometheustext0.0.4\n',
      `prometheus.yml:3:31: scrape_configs[0].fallback_scrape_protocol: invalid fallback_scrape_protocol for scrape config with job name "a": unknown scrape protocol prometheustext0.0.4, supported: ${SUPPORTED}`,
    ],
  ])('refuses %j', (text, message) => {
    expect(failure(text)).toBe(message);
  });
});

describe('compression and timestamp staleness', () => {
  it('default to compression on and staleness tracking off', () => {
    const [job] = load('scrape_configs:\n  - job_name: a\n').scrapeConfigs;
    expect([job!.enableCompression, job!.trackTimestampsStaleness]).toEqual([true, false]);
  });

  it('are read per job', () => {
    const [job] = load(
      'scrape_configs:\n  - job_name: a\n    enable_compression: false\n    track_timestamps_staleness: true\n',
    ).scrapeConfigs;
    expect([job!.enableCompression, job!.trackTimestampsStaleness]).toEqual([false, true]);
  });
});
