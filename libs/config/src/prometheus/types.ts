import type { TargetGroup } from '@promethium/model';
import type { RelabelConfig } from '@promethium/relabel';
import type { TlsVersion } from '../web/types.js';
import type { ScrapeProtocol } from './scrape-protocols.js';

/** A loaded prometheus.yml: the resolved configuration and one line per ignored field. */
export interface LoadedConfig {
  config: PrometheusConfig;
  /** `<file>:<line>:<col>: <path>: <reason>` for each accepted but unsupported field. */
  warnings: string[];
}

/** The parts of prometheus.yml Promethium implements, defaults applied. */
export interface PrometheusConfig {
  global: GlobalConfig;
  scrapeConfigs: ScrapeConfig[];
  /** Rule file globs as written, joined to the config file's directory when relative. */
  ruleFiles: string[];
}

/** The `global` section; durations in milliseconds. Limits apply to jobs that set none. */
export interface GlobalConfig extends ScrapeLimits {
  /** Default 1m. */
  scrapeInterval: number;
  /** Default 10s, or the scrape interval when that is shorter. */
  scrapeTimeout: number;
  /** Default 1m. */
  evaluationInterval: number;
  externalLabels: Record<string, string>;
  /** Default for jobs without `scrape_protocols`; default DEFAULT_SCRAPE_PROTOCOLS. */
  scrapeProtocols: ScrapeProtocol[];
}

/**
 * Limits on what one scrape may bring in; 0 means no limit. A scrape config's limit left at 0
 * takes the global one.
 */
export interface ScrapeLimits {
  /** `sample_limit`: most samples a scrape may keep after metric relabeling. */
  sampleLimit: number;
  /** `label_limit`: most labels a series may have after metric relabeling. */
  labelLimit: number;
  /** `label_name_length_limit`: longest label name after metric relabeling. */
  labelNameLengthLimit: number;
  /** `label_value_length_limit`: longest label value after metric relabeling. */
  labelValueLengthLimit: number;
  /** `body_size_limit` in bytes: largest uncompressed response body. */
  bodySizeLimit: number;
  /** `target_limit`: most targets a job may have after target relabeling. */
  targetLimit: number;
  /** `keep_dropped_targets`: most targets dropped by relabeling that are kept for display. */
  keepDroppedTargets: number;
}

/** One `scrape_configs` entry with the global defaults resolved; durations in milliseconds. */
export interface ScrapeConfig extends ScrapeLimits {
  jobName: string;
  scrapeInterval: number;
  /** Never greater than scrapeInterval. */
  scrapeTimeout: number;
  metricsPath: string;
  scheme: 'http' | 'https';
  honorLabels: boolean;
  honorTimestamps: boolean;
  params: Record<string, string[]>;
  /** One group per `static_configs` entry; `source` is the entry's index. */
  staticConfigs: TargetGroup[];
  fileSdConfigs: FileSdConfig[];
  /** `relabel_configs`: rules rewriting or dropping discovered targets. */
  relabelConfigs: RelabelConfig[];
  /** `metric_relabel_configs`: rules rewriting or dropping scraped series. */
  metricRelabelConfigs: RelabelConfig[];
  /** How to reach the targets: authentication, TLS, redirects, extra headers. */
  httpClient: ScrapeHttpConfig;
  /** `scrape_protocols`: the formats to ask for, most wanted first; default the global list. */
  scrapeProtocols: ScrapeProtocol[];
  /** `fallback_scrape_protocol`: how to parse a response whose Content-Type is missing or unknown. */
  fallbackScrapeProtocol?: ScrapeProtocol;
  /** `enable_compression`: ask for gzip responses; default true. */
  enableCompression: boolean;
  /** `track_timestamps_staleness`: mark series with explicit timestamps stale; default false. */
  trackTimestampsStaleness: boolean;
}

/**
 * A value written inline in the configuration, or a file read (and trimmed of surrounding white
 * space) on every request so that rotated credentials are picked up, as Prometheus does.
 */
export type SecretSource = { readonly inline: string } | { readonly file: string };

/** prometheus/common's HTTP client settings of a scrape config; files joined to its directory. */
export interface ScrapeHttpConfig {
  /** `basic_auth`; absent when not configured. */
  basicAuth?: BasicAuthConfig;
  /** `authorization`, or the legacy `bearer_token` / `bearer_token_file` as a Bearer one. */
  authorization?: AuthorizationConfig;
  tlsConfig: ScrapeTlsConfig;
  /** `follow_redirects`, default true (at most 10 redirects). */
  followRedirects: boolean;
  /** `enable_http2`, default true; accepted, but scrapes use HTTP/1.1. */
  enableHttp2: boolean;
  /** `http_headers`: extra request headers by name. */
  httpHeaders: Record<string, HttpHeaderConfig>;
}

/** `basic_auth`: each part absent when empty. */
export interface BasicAuthConfig {
  username?: SecretSource;
  password?: SecretSource;
}

/** An `Authorization: <type> <credentials>` header. */
export interface AuthorizationConfig {
  /** Default `Bearer`. */
  type: string;
  credentials?: SecretSource;
}

/** `tls_config` of a scrape config. */
export interface ScrapeTlsConfig {
  /** CA bundle to verify targets with; absent means the system's CAs. */
  ca?: SecretSource;
  /** Client certificate; present exactly when `key` is. */
  cert?: SecretSource;
  /** Client private key. */
  key?: SecretSource;
  /** Name to send (SNI) and verify the certificate against; '' means the target's host. */
  serverName: string;
  /** Skip verifying the target's certificate. */
  insecureSkipVerify: boolean;
  /** Absent means the TLS library's default. */
  minVersion?: TlsVersion;
  /** Absent means the TLS library's default. */
  maxVersion?: TlsVersion;
}

/** One `http_headers` entry: every value is sent, files read (and trimmed) per request. */
export interface HttpHeaderConfig {
  values: string[];
  secrets: string[];
  files: string[];
}

/** One `file_sd_configs` entry. */
export interface FileSdConfig {
  /** Patterns (a `*` allowed in the last element), joined to the config file's directory. */
  files: string[];
  /** Milliseconds, default 5m. */
  refreshInterval: number;
}

/** Options for loading prometheus.yml. */
export interface PrometheusConfigOptions {
  /**
   * Environment for `$VAR` / `${VAR}` in external label values, as Prometheus 3 expands them;
   * without it values are kept as written. Services pass `process.env` from their main.
   */
  env?: Readonly<Record<string, string | undefined>>;
}
