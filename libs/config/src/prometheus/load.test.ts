import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigReadError } from '../errors.js';
import { loadPrometheusConfig, parsePrometheusConfig } from './load.js';
import type { ScrapeConfig } from './types.js';

const S = 1000;
const M = 60 * S;

const NO_LIMITS = {
  sampleLimit: 0,
  labelLimit: 0,
  labelNameLengthLimit: 0,
  labelValueLengthLimit: 0,
  bodySizeLimit: 0,
  targetLimit: 0,
  keepDroppedTargets: 0,
};

const DEFAULT_PROTOCOLS: ScrapeConfig['scrapeProtocols'] = [
  'OpenMetricsText1.0.0',
  'OpenMetricsText0.0.1',
  'PrometheusText1.0.0',
  'PrometheusText0.0.4',
];

const DEFAULT_GLOBAL = {
  scrapeInterval: M,
  scrapeTimeout: 10 * S,
  evaluationInterval: M,
  externalLabels: {},
  scrapeProtocols: DEFAULT_PROTOCOLS,
  ...NO_LIMITS,
};

function job(overrides: Partial<ScrapeConfig>): ScrapeConfig {
  return {
    jobName: 'x',
    scrapeInterval: M,
    scrapeTimeout: 10 * S,
    metricsPath: '/metrics',
    scheme: 'http',
    honorLabels: false,
    honorTimestamps: true,
    params: {},
    staticConfigs: [],
    fileSdConfigs: [],
    relabelConfigs: [],
    metricRelabelConfigs: [],
    httpClient: {
      tlsConfig: { serverName: '', insecureSkipVerify: false },
      followRedirects: true,
      enableHttp2: true,
      httpHeaders: {},
    },
    scrapeProtocols: DEFAULT_PROTOCOLS,
    enableCompression: true,
    trackTimestampsStaleness: false,
    ...NO_LIMITS,
    ...overrides,
  };
}

describe('parsePrometheusConfig', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing configured yet\n'],
    ['empty sections', 'global:\nscrape_configs:\nrule_files:\n'],
    ['an empty global block', 'global: {}\n'],
  ])('loads %s with every default', (_name, text) => {
    expect(parsePrometheusConfig(text, 'prometheus.yml')).toEqual({
      config: { global: DEFAULT_GLOBAL, scrapeConfigs: [], ruleFiles: [] },
      warnings: [],
    });
  });

  it('loads a globals-only file', () => {
    const text = `
global:
  scrape_interval: 15s
  evaluation_interval: 30s
  external_labels:
    monitor: codelab
    region: eu-west-1
`;
    expect(parsePrometheusConfig(text, 'prometheus.yml').config.global).toEqual({
      ...DEFAULT_GLOBAL,
      scrapeInterval: 15 * S,
      evaluationInterval: 30 * S,
      externalLabels: { monitor: 'codelab', region: 'eu-west-1' },
    });
  });

  it('loads the shape of the example prometheus.yml shipped with Prometheus', () => {
    const text = `# my global config
global:
  scrape_interval: 15s # Set the scrape interval to every 15 seconds.
  evaluation_interval: 15s # Evaluate rules every 15 seconds.
  # scrape_timeout is set to the global default (10s).

# Alertmanager configuration
alerting:
  alertmanagers:
    - static_configs:
        - targets:
          # - alertmanager:9093

rule_files:
  # - "first_rules.yml"

scrape_configs:
  - job_name: "prometheus"
    # metrics_path defaults to '/metrics'
    static_configs:
      - targets: ["localhost:9090"]
        labels:
          app: "prometheus"
    scrape_native_histograms: true
`;
    expect(parsePrometheusConfig(text, 'prometheus.yml')).toEqual({
      config: {
        global: { ...DEFAULT_GLOBAL, scrapeInterval: 15 * S, evaluationInterval: 15 * S },
        scrapeConfigs: [
          job({
            jobName: 'prometheus',
            scrapeInterval: 15 * S,
            staticConfigs: [
              {
                source: '0',
                targets: [{ __address__: 'localhost:9090' }],
                labels: { app: 'prometheus' },
              },
            ],
          }),
        ],
        ruleFiles: [],
      },
      warnings: [
        'prometheus.yml:8:1: alerting: not supported yet, ignored',
        'prometheus.yml:24:5: scrape_configs[0].scrape_native_histograms: not supported yet, ignored',
      ],
    });
  });

  it('loads every supported scrape setting', () => {
    const text = `
scrape_configs:
  - job_name: node
    honor_labels: true
    honor_timestamps: false
    scheme: https
    metrics_path: /probe
    params:
      module: [http_2xx, tcp]
    scrape_interval: 30s
    scrape_timeout: 20s
    static_configs:
      - targets: ['10.0.0.1:9100', 'node-2:9100', '[::1]:9100']
      - targets: [localhost]
        labels: {env: prod, team: ""}
    file_sd_configs:
      - files: ['targets/*.json', /etc/prom/extra.yml]
        refresh_interval: 1m
      - files: [more.yaml]
`;
    expect(parsePrometheusConfig(text, 'conf/prometheus.yml').config.scrapeConfigs).toEqual([
      job({
        jobName: 'node',
        honorLabels: true,
        honorTimestamps: false,
        scheme: 'https',
        metricsPath: '/probe',
        params: { module: ['http_2xx', 'tcp'] },
        scrapeInterval: 30 * S,
        scrapeTimeout: 20 * S,
        staticConfigs: [
          {
            source: '0',
            targets: [
              { __address__: '10.0.0.1:9100' },
              { __address__: 'node-2:9100' },
              { __address__: '[::1]:9100' },
            ],
            labels: {},
          },
          {
            source: '1',
            targets: [{ __address__: 'localhost' }],
            labels: { env: 'prod', team: '' },
          },
        ],
        fileSdConfigs: [
          { files: ['conf/targets/*.json', '/etc/prom/extra.yml'], refreshInterval: M },
          { files: ['conf/more.yaml'], refreshInterval: 5 * M },
        ],
      }),
    ]);
  });

  it('joins rule file globs to the config file directory', () => {
    const text = 'rule_files:\n  - rules/*.yml\n  - /abs/alerts.yml\n  - "x*"\n';
    expect(parsePrometheusConfig(text, '/etc/prometheus/prometheus.yml').config.ruleFiles).toEqual([
      '/etc/prometheus/rules/*.yml',
      '/abs/alerts.yml',
      '/etc/prometheus/x*',
    ]);
    expect(parsePrometheusConfig(text, 'prometheus.yml').config.ruleFiles[0]).toBe('rules/*.yml');
  });

  it('accepts anchors and merge keys as Prometheus does', () => {
    const text = `
scrape_configs:
  - &base
    job_name: a
    scrape_interval: 5s
    static_configs: [{targets: ['a:1']}]
  - <<: *base
    job_name: b
`;
    const jobs = parsePrometheusConfig(text, 'prometheus.yml').config.scrapeConfigs;
    expect(jobs.map((j) => [j.jobName, j.scrapeInterval, j.staticConfigs[0]?.targets])).toEqual([
      ['a', 5 * S, [{ __address__: 'a:1' }]],
      ['b', 5 * S, [{ __address__: 'a:1' }]],
    ]);
  });
});

describe('interval and timeout defaults', () => {
  // [global section, job fields, resolved global interval/timeout, resolved job interval/timeout]
  it.each([
    ['{}', '{}', [M, 10 * S], [M, 10 * S]],
    ['{scrape_interval: 5s}', '{}', [5 * S, 5 * S], [5 * S, 5 * S]],
    [
      '{scrape_interval: 15s, scrape_timeout: 15s}',
      '{scrape_interval: 5s}',
      [15 * S, 15 * S],
      [5 * S, 5 * S],
    ],
    [
      '{scrape_interval: 15s, scrape_timeout: 15s}',
      '{scrape_interval: 1m}',
      [15 * S, 15 * S],
      [M, 15 * S],
    ],
    ['{}', '{scrape_interval: 30s, scrape_timeout: 20s}', [M, 10 * S], [30 * S, 20 * S]],
    ['{}', '{scrape_interval: 5s}', [M, 10 * S], [5 * S, 5 * S]],
    ['{}', '{scrape_timeout: 45s}', [M, 10 * S], [M, 45 * S]],
    ['{}', '{scrape_interval: 0, scrape_timeout: 0}', [M, 10 * S], [M, 10 * S]],
    ['{scrape_interval: 1h, scrape_timeout: 1h}', '{}', [60 * M, 60 * M], [60 * M, 60 * M]],
    [
      '{scrape_interval: 0}',
      '{scrape_interval: 10s, scrape_timeout: 10s}',
      [M, 10 * S],
      [10 * S, 10 * S],
    ],
  ])('global %s, job %s', (global, jobFields, [gi, gt], [ji, jt]) => {
    const text = `global: ${global}\nscrape_configs:\n  - <<: ${jobFields}\n    job_name: x\n`;
    const { config } = parsePrometheusConfig(text, 'prometheus.yml');
    expect([config.global.scrapeInterval, config.global.scrapeTimeout]).toEqual([gi, gt]);
    expect([
      config.scrapeConfigs[0]?.scrapeInterval,
      config.scrapeConfigs[0]?.scrapeTimeout,
    ]).toEqual([ji, jt]);
  });

  it('defaults the evaluation interval to 1m', () => {
    const text = 'global: {evaluation_interval: 0}\n';
    expect(parsePrometheusConfig(text, 'prometheus.yml').config.global.evaluationInterval).toBe(M);
  });
});

describe('external label expansion', () => {
  const text = `global:
  external_labels:
    bar: foo
    foo: \${TEST}
    baz: foo\${TEST}bar
    qux: foo$\${TEST}
    xyz: foo$$bar
`;

  it('expands from the given environment and warns about empty variables', () => {
    expect(
      parsePrometheusConfig(text, 'p.yml', { env: { TEST: 'TestValue' } }).config.global
        .externalLabels,
    ).toEqual({
      bar: 'foo',
      foo: 'TestValue',
      baz: 'fooTestValuebar',
      qux: 'foo${TEST}',
      xyz: 'foo$bar',
    });
    const unset = parsePrometheusConfig(text, 'p.yml', { env: {} });
    expect(unset.config.global.externalLabels).toEqual({
      bar: 'foo',
      foo: '',
      baz: 'foobar',
      qux: 'foo${TEST}',
      xyz: 'foo$bar',
    });
    expect(unset.warnings).toEqual([
      'p.yml:4:10: global.external_labels.foo: environment variable "TEST" is empty',
      'p.yml:5:10: global.external_labels.baz: environment variable "TEST" is empty',
    ]);
  });

  it('keeps values as written without an environment', () => {
    expect(parsePrometheusConfig(text, 'p.yml').config.global.externalLabels.foo).toBe('${TEST}');
  });
});

describe('loadPrometheusConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the file and anchors relative paths at its directory', async () => {
    const path = join(dir, 'prometheus.yml');
    await writeFile(
      path,
      'rule_files: [rules/*.yml]\nscrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: [sd.json]}]\n',
    );
    const { config } = await loadPrometheusConfig(path);
    expect(config.ruleFiles).toEqual([join(dir, 'rules/*.yml')]);
    expect(config.scrapeConfigs[0]?.fileSdConfigs[0]?.files).toEqual([join(dir, 'sd.json')]);
  });

  it('names the file in errors', async () => {
    const path = join(dir, 'bad.yml');
    await writeFile(path, 'global:\n  scrape_interval: 1x\n');
    await expect(loadPrometheusConfig(path)).rejects.toThrow(
      `${path}:2:20: global.scrape_interval: unknown unit "x" in duration "1x"`,
    );
  });

  it('raises ConfigReadError for a missing file', async () => {
    const path = join(dir, 'missing.yml');
    const error = await loadPrometheusConfig(path).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ConfigReadError);
    expect(error).toMatchObject({ code: 'config_unreadable', file: path, line: 0 });
    expect((error as Error).message).toMatch(new RegExp(`^${path}: cannot read file: ENOENT`));
  });
});
