import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../errors.js';
import { parsePrometheusConfig } from './load.js';

function failure(text: string): string {
  try {
    parsePrometheusConfig(text, 'prometheus.yml');
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const TYPO = `global:
  scrape_interval: 15s

scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ['localhost:9090']}]
    scrape_intervl: 5s
`;

const BAD_TIMEOUT = `scrape_configs:
  - job_name: a
    static_configs:
      - targets: ['a:1']

  - job_name: b
    static_configs:
      - targets: ['b:1']
    scrape_timeout:  10x
`;

describe('prometheus.yml validation', () => {
  it.each([
    [
      'a misspelt field',
      TYPO,
      'prometheus.yml:7:5: scrape_configs[0].scrape_intervl: unknown field',
    ],
    [
      'an invalid duration',
      BAD_TIMEOUT,
      'prometheus.yml:9:22: scrape_configs[1].scrape_timeout: unknown unit "x" in duration "10x"',
    ],
    [
      'an unknown top-level section',
      'scrape_config: []\n',
      'prometheus.yml:1:1: scrape_config: unknown field',
    ],
    [
      'an unknown global field',
      'global:\n  nonexistent_field: test\n',
      'prometheus.yml:2:3: global.nonexistent_field: unknown field',
    ],
    [
      'an unknown service discovery',
      'scrape_configs:\n  - job_name: a\n    consult_sd_configs: []\n',
      'prometheus.yml:3:5: scrape_configs[0].consult_sd_configs: unknown field',
    ],
    [
      'a duplicate section',
      'scrape_configs: []\nrule_files: []\nscrape_configs: []\n',
      'prometheus.yml:3:1: scrape_configs: duplicate key',
    ],
    [
      'a duplicate field',
      'scrape_configs:\n  - job_name: a\n    job_name: b\n',
      'prometheus.yml:3:5: scrape_configs[0].job_name: duplicate key',
    ],
    [
      'a YAML syntax error',
      'global:\n  scrape_interval: [15s\n',
      'prometheus.yml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'a non-mapping document',
      'just text\n',
      'prometheus.yml:1:1: expected a mapping, got "just text"',
    ],
    [
      'a global timeout above the interval',
      'global:\n  scrape_interval: 5s\n  scrape_timeout: 6s\n',
      'prometheus.yml:3:19: global.scrape_timeout: global scrape timeout greater than scrape interval',
    ],
    [
      'a global timeout above the default interval',
      'global: {scrape_timeout: 2m}\n',
      'prometheus.yml:1:26: global.scrape_timeout: global scrape timeout greater than scrape interval',
    ],
    [
      'a job timeout above its interval',
      'scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 6s\n',
      'prometheus.yml:4:21: scrape_configs[0].scrape_timeout: scrape timeout greater than scrape interval for scrape config with job name "a"',
    ],
    [
      'a job timeout above the global interval',
      'global: {scrape_interval: 5s}\nscrape_configs:\n  - job_name: a\n    scrape_timeout: 10s\n',
      'prometheus.yml:4:21: scrape_configs[0].scrape_timeout: scrape timeout greater than scrape interval for scrape config with job name "a"',
    ],
    [
      'a missing job name',
      'scrape_configs:\n  - scrape_interval: 5s\n',
      'prometheus.yml:2:5: scrape_configs[0].job_name: missing required field',
    ],
    [
      'an empty job name',
      'scrape_configs:\n  - job_name: ""\n',
      'prometheus.yml:2:15: scrape_configs[0].job_name: job_name is empty',
    ],
    [
      'a null job name',
      'scrape_configs:\n  - job_name:\n',
      'prometheus.yml:2:14: scrape_configs[0].job_name: required field is empty',
    ],
    [
      'a duplicate job name',
      'scrape_configs:\n  - job_name: prometheus\n  - job_name: node\n  - job_name: prometheus\n',
      'prometheus.yml:4:15: scrape_configs[2].job_name: found multiple scrape configs with job name "prometheus"',
    ],
    [
      'a null scrape config',
      'scrape_configs:\n  -\n',
      'prometheus.yml:2:4: scrape_configs[0]: empty or null scrape config section',
    ],
    [
      'a null static config',
      'scrape_configs:\n  - job_name: a\n    static_configs:\n      -\n',
      'prometheus.yml:4:8: scrape_configs[0].static_configs[0]: empty or null section in static_configs',
    ],
    [
      'a target with a scheme',
      'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["localhost:1", "http://bad"]\n',
      'prometheus.yml:4:34: scrape_configs[0].static_configs[0].targets[1]: "http://bad" is not a valid hostname',
    ],
    [
      'a target with a path',
      'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets:\n          - host:9100/metrics\n',
      'prometheus.yml:5:13: scrape_configs[0].static_configs[0].targets[0]: "host:9100/metrics" is not a valid hostname',
    ],
    [
      'an empty target',
      'scrape_configs:\n  - job_name: a\n    static_configs: [{targets: [""]}]\n',
      'prometheus.yml:3:33: scrape_configs[0].static_configs[0].targets[0]: target address is empty',
    ],
    [
      'an unknown field in a target group',
      'scrape_configs:\n  - job_name: a\n    static_configs:\n      - target: ["a:1"]\n',
      'prometheus.yml:4:9: scrape_configs[0].static_configs[0].target: unknown field',
    ],
    [
      'an invalid target label name',
      'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["a:1"]\n        labels: {team-name: x}\n',
      'prometheus.yml:5:18: scrape_configs[0].static_configs[0].labels.team-name: "team-name" is not a valid label name',
    ],
    [
      'an invalid external label name',
      'global:\n  external_labels:\n    0zone: a\n',
      'prometheus.yml:3:5: global.external_labels.0zone: "0zone" is not a valid label name',
    ],
    [
      'a label value that is not UTF-8',
      'global:\n  external_labels:\n    name: !!binary "/w=="\n',
      'prometheus.yml:3:20: global.external_labels.name: not valid UTF-8',
    ],
    [
      'a label value with a lone surrogate',
      'global:\n  external_labels:\n    name: "\\ud800"\n',
      'prometheus.yml:3:11: global.external_labels.name: "\\ud800" is not a valid label value',
    ],
    [
      'an unknown scheme',
      'scrape_configs:\n  - job_name: a\n    scheme: ftp\n',
      'prometheus.yml:3:13: scrape_configs[0].scheme: must be one of "http", "https"; got "ftp"',
    ],
    [
      'a quoted boolean',
      'scrape_configs:\n  - job_name: a\n    honor_labels: "true"\n',
      'prometheus.yml:3:19: scrape_configs[0].honor_labels: expected a boolean, got a quoted string',
    ],
    [
      'a scalar param',
      'scrape_configs:\n  - job_name: a\n    params: {module: http_2xx}\n',
      'prometheus.yml:3:22: scrape_configs[0].params.module: expected a sequence, got "http_2xx"',
    ],
    [
      'a list where a mapping belongs',
      'global:\n  - scrape_interval: 1m\n',
      'prometheus.yml:2:3: global: expected a mapping, got a sequence',
    ],
    [
      'a scalar where a list belongs',
      'scrape_configs: prometheus\n',
      'prometheus.yml:1:17: scrape_configs: expected a sequence, got "prometheus"',
    ],
    [
      'a glob in a rule file directory',
      'rule_files:\n  - a.yml\n  - my/*/rule\n',
      'prometheus.yml:3:5: rule_files[1]: invalid rule file path "my/*/rule"',
    ],
    [
      'a file_sd pattern with another extension',
      'scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - files: [targets.txt]\n',
      'prometheus.yml:4:17: scrape_configs[0].file_sd_configs[0].files[0]: path name "targets.txt" is not valid for file discovery',
    ],
    [
      'a file_sd config without files',
      'scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - refresh_interval: 1m\n',
      'prometheus.yml:4:9: scrape_configs[0].file_sd_configs[0].files: file service discovery config must contain at least one path name',
    ],
    [
      'a zero file_sd refresh interval',
      'scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - {files: [a.json], refresh_interval: 0s}\n',
      'prometheus.yml:4:45: scrape_configs[0].file_sd_configs[0].refresh_interval: must be greater than 0',
    ],
  ])('reports %s', (_name, text, message) => {
    expect(failure(text)).toBe(message);
  });

  it('leaves static targets to relabeling when relabel_configs is set, as Prometheus does', () => {
    const text = `scrape_configs:
  - job_name: blackbox
    static_configs:
      - targets: ['https://example.com/health']
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
`;
    const { config, warnings } = parsePrometheusConfig(text, 'prometheus.yml');
    expect(config.scrapeConfigs[0]?.staticConfigs[0]?.targets).toEqual([
      { __address__: 'https://example.com/health' },
    ]);
    expect(warnings).toEqual([]);
  });
});

describe('fields Prometheus knows but Promethium does not implement yet', () => {
  it('loads them with one warning each, ignoring their contents', () => {
    const text = `global:
  scrape_interval: 15s
  query_log_file: /var/log/queries.log
  rule_query_offset: 1m
alerting:
  alertmanagers: [{static_configs: [{targets: ['am:9093']}]}]
remote_write:
  - url: http://remote/write
    anything: goes here
storage: {tsdb: {out_of_order_time_window: 30m}}
scrape_config_files: [extra/*.yml]
scrape_configs:
  - job_name: k8s
    kubernetes_sd_configs: [{role: pod}]
    oauth2: {client_id: u, client_secret: p, token_url: 'http://t'}
    no_proxy: localhost
    metric_relabel_configs: []
    native_histogram_bucket_limit: 10
  - job_name: static
    static_configs: [{targets: ['a:1']}]
    extra_scrape_metrics: true
    scrape_failure_log_file: failures.log
    proxy_url: http://proxy:3128
    scrape_classic_histograms: true
tracing: {endpoint: 'otel:4317'}
otlp: {}
runtime: {gogc: 50}
`;
    const { config, warnings } = parsePrometheusConfig(text, 'prometheus.yml');
    expect(config.scrapeConfigs.map((j) => j.jobName)).toEqual(['k8s', 'static']);
    expect(warnings).toEqual([
      'prometheus.yml:3:3: global.query_log_file: not supported yet, ignored',
      'prometheus.yml:4:3: global.rule_query_offset: not supported yet, ignored',
      'prometheus.yml:5:1: alerting: not supported yet, ignored',
      'prometheus.yml:7:1: remote_write: not supported yet, ignored',
      'prometheus.yml:10:1: storage: not supported yet, ignored',
      'prometheus.yml:11:1: scrape_config_files: not supported yet, ignored',
      'prometheus.yml:14:5: scrape_configs[0].kubernetes_sd_configs: not supported yet, ignored',
      'prometheus.yml:15:5: scrape_configs[0].oauth2: not supported yet, ignored',
      'prometheus.yml:16:5: scrape_configs[0].no_proxy: not supported yet, ignored',
      'prometheus.yml:18:5: scrape_configs[0].native_histogram_bucket_limit: not supported yet, ignored',
      'prometheus.yml:21:5: scrape_configs[1].extra_scrape_metrics: not supported yet, ignored',
      'prometheus.yml:22:5: scrape_configs[1].scrape_failure_log_file: not supported yet, ignored',
      'prometheus.yml:23:5: scrape_configs[1].proxy_url: not supported yet, ignored',
      'prometheus.yml:24:5: scrape_configs[1].scrape_classic_histograms: not supported yet, ignored',
      'prometheus.yml:25:1: tracing: not supported yet, ignored',
      'prometheus.yml:26:1: otlp: not supported yet, ignored',
      'prometheus.yml:27:1: runtime: not supported yet, ignored',
    ]);
  });
});
