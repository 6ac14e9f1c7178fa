import { dirname } from 'node:path';
import { ADDRESS_LABEL } from '@promethium/model';
import { joinDir } from '../paths.js';
import type { Cursor } from '../yaml/cursor.js';
import { bool, check, duration, list, nonNull, oneOf, record, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object, optional, required } from '../yaml/object.js';
import { HTTP_CLIENT_FIELDS, checkHttpClient, resolveHttpClient } from './http-client.js';
import { LIMIT_FIELDS, scrapeLimits } from './limits.js';
import { relabelConfigs } from './relabel.js';
import { checkFallbackProtocol, checkScrapeProtocols } from './scrape-protocols.js';
import { checkStaticTargets, fileSdConfig, staticConfig } from './targets.js';
import type { GlobalConfig, ScrapeConfig } from './types.js';
import { UNSUPPORTED_SCRAPE } from './unsupported.js';

const scrapeShape = object(
  {
    jobName: required(
      'job_name',
      check(str, (name) => (name === '' ? 'job_name is empty' : undefined)),
    ),
    honorLabels: field('honor_labels', bool, false),
    honorTimestamps: field('honor_timestamps', bool, true),
    params: field('params', record(list(str)), {}),
    // Zero means "use the global value", as in Prometheus.
    scrapeInterval: field('scrape_interval', duration, 0),
    scrapeTimeout: field('scrape_timeout', duration, 0),
    metricsPath: field('metrics_path', str, '/metrics'),
    scheme: field('scheme', oneOf(['http', 'https']), 'http'),
    staticConfigs: field(
      'static_configs',
      list(nonNull(staticConfig, 'empty or null section in static_configs')),
      [],
    ),
    fileSdConfigs: field(
      'file_sd_configs',
      list(nonNull(fileSdConfig, 'empty or null section in file_sd_configs')),
      [],
    ),
    relabelConfigs: field('relabel_configs', relabelConfigs('target'), []),
    metricRelabelConfigs: field('metric_relabel_configs', relabelConfigs('metric'), []),
    scrapeProtocols: optional('scrape_protocols', list(str)),
    fallbackScrapeProtocol: field('fallback_scrape_protocol', str, ''),
    enableCompression: field('enable_compression', bool, true),
    trackTimestampsStaleness: field('track_timestamps_staleness', bool, false),
    ...LIMIT_FIELDS,
    ...HTTP_CLIENT_FIELDS,
  },
  { unsupported: UNSUPPORTED_SCRAPE },
);

/** A `scrape_configs` entry as written, before the global defaults apply. */
export type RawScrapeConfig = ReturnType<typeof scrapeShape>;

/**
 * Decodes a `scrape_configs` entry: the HTTP client settings are checked together, then static
 * targets unless relabeling is configured.
 */
export const scrapeConfig: Decoder<RawScrapeConfig> = (at) => {
  const raw = scrapeShape(at);
  checkHttpClient(raw, at);
  if (raw.relabelConfigs.length === 0) checkStaticTargets(at);
  return raw;
};

/**
 * Applies the global defaults to a decoded entry (`at` is its cursor, `configFile` the path
 * relative file names are joined to): the interval defaults to the global one, the timeout
 * to the global one capped at the interval; an explicit timeout above the interval is an error.
 * Limits and scrape protocols not set take the global ones, and are then checked.
 */
export function resolveScrapeConfig(
  raw: RawScrapeConfig,
  global: GlobalConfig,
  at: Cursor,
  configFile: string,
): ScrapeConfig {
  const scrapeInterval = raw.scrapeInterval || global.scrapeInterval;
  if (raw.scrapeTimeout > scrapeInterval) {
    at.field('scrape_timeout').fail(
      `scrape timeout greater than scrape interval for scrape config with job name ${JSON.stringify(raw.jobName)}`,
    );
  }
  const dir = dirname(configFile);
  return {
    jobName: raw.jobName,
    scrapeInterval,
    scrapeTimeout: raw.scrapeTimeout || Math.min(global.scrapeTimeout, scrapeInterval),
    metricsPath: raw.metricsPath,
    scheme: raw.scheme,
    honorLabels: raw.honorLabels,
    honorTimestamps: raw.honorTimestamps,
    params: raw.params,
    staticConfigs: raw.staticConfigs.map((group, i) => ({
      source: `${i}`,
      targets: group.targets.map((address) => ({ [ADDRESS_LABEL]: address })),
      labels: group.labels,
    })),
    fileSdConfigs: raw.fileSdConfigs.map((sd) => ({
      ...sd,
      files: sd.files.map((f) => joinDir(dir, f)),
    })),
    relabelConfigs: raw.relabelConfigs,
    metricRelabelConfigs: raw.metricRelabelConfigs,
    httpClient: resolveHttpClient(raw, dir),
    scrapeProtocols: raw.scrapeProtocols
      ? checkScrapeProtocols(
          raw.scrapeProtocols,
          at.field('scrape_protocols'),
          `scrape config with job name ${JSON.stringify(raw.jobName)}`,
        )
      : [...global.scrapeProtocols],
    fallbackScrapeProtocol: checkFallbackProtocol(
      raw.fallbackScrapeProtocol,
      at.field('fallback_scrape_protocol'),
      raw.jobName,
    ),
    enableCompression: raw.enableCompression,
    trackTimestampsStaleness: raw.trackTimestampsStaleness,
    ...scrapeLimits(raw, global),
  };
}
