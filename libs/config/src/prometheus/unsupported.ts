// Every prometheus.yml field that Prometheus knows and Promethium does not implement yet.
// Such a field loads with a "not supported yet, ignored" warning instead of failing, so users'
// files work unchanged. Remove an entry here when the field gets implemented.

/** Top-level sections. */
export const UNSUPPORTED_TOP_LEVEL: readonly string[] = [
  'alerting',
  'otlp',
  'remote_read',
  'remote_write',
  'runtime',
  'scrape_config_files',
  'storage',
  'tracing',
];

/** Fields of `global`. */
export const UNSUPPORTED_GLOBAL: readonly string[] = [
  'always_scrape_classic_histograms',
  'convert_classic_histograms_to_nhcb',
  'extra_scrape_metrics',
  'metric_name_escaping_scheme',
  'metric_name_validation_scheme',
  'query_log_file',
  'rule_query_offset',
  'scrape_failure_log_file',
  'scrape_native_histograms',
];

// Prometheus's HTTP client settings, inlined into every scrape config, that are not implemented.
const HTTP_CLIENT = [
  'no_proxy',
  'oauth2',
  'proxy_connect_header',
  'proxy_from_environment',
  'proxy_url',
];

// Service discovery mechanisms other than static_configs and file_sd_configs.
const DISCOVERY = [
  'aws',
  'azure',
  'consul',
  'digitalocean',
  'dns',
  'docker',
  'dockerswarm',
  'ec2',
  'ecs',
  'elasticache',
  'eureka',
  'gce',
  'hetzner',
  'http',
  'ionos',
  'kubernetes',
  'kuma',
  'lightsail',
  'linode',
  'marathon',
  'msk',
  'nerve',
  'nomad',
  'oci',
  'openstack',
  'outscale',
  'ovhcloud',
  'puppetdb',
  'rds',
  'scaleway',
  'serverset',
  'stackit',
  'triton',
  'uyuni',
  'vultr',
].map((name) => `${name}_sd_configs`);

/** Fields of a `scrape_configs` entry. */
export const UNSUPPORTED_SCRAPE: readonly string[] = [
  'always_scrape_classic_histograms',
  'convert_classic_histograms_to_nhcb',
  'extra_scrape_metrics',
  'metric_name_escaping_scheme',
  'metric_name_validation_scheme',
  'native_histogram_bucket_limit',
  'native_histogram_min_bucket_factor',
  // Prometheus 2.x's name for always_scrape_classic_histograms.
  'scrape_classic_histograms',
  'scrape_failure_log_file',
  'scrape_native_histograms',
  ...HTTP_CLIENT,
  ...DISCOVERY,
];
