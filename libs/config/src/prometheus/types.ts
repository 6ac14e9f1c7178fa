import type { TargetGroup } from '@promethium/model';
import type { RelabelConfig } from '@promethium/relabel';

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

/** The `global` section; durations in milliseconds. */
export interface GlobalConfig {
  /** Default 1m. */
  scrapeInterval: number;
  /** Default 10s, or the scrape interval when that is shorter. */
  scrapeTimeout: number;
  /** Default 1m. */
  evaluationInterval: number;
  externalLabels: Record<string, string>;
}

/** One `scrape_configs` entry with the global defaults resolved; durations in milliseconds. */
export interface ScrapeConfig {
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
