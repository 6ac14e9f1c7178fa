import { labelSet } from '../labels.js';
import type { Cursor } from '../yaml/cursor.js';
import { duration, list, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object, optional } from '../yaml/object.js';
import { expandEnv } from './expand-env.js';
import { LIMIT_FIELDS, NO_LIMITS, globalLimits } from './limits.js';
import { DEFAULT_SCRAPE_PROTOCOLS, checkScrapeProtocols } from './scrape-protocols.js';
import type { GlobalConfig, PrometheusConfigOptions } from './types.js';
import { UNSUPPORTED_GLOBAL } from './unsupported.js';

const MINUTE = 60_000;
const DEFAULT_SCRAPE_TIMEOUT = 10_000;

/** The global section of a file that has none. */
export const DEFAULT_GLOBAL: Readonly<GlobalConfig> = {
  scrapeInterval: MINUTE,
  scrapeTimeout: DEFAULT_SCRAPE_TIMEOUT,
  evaluationInterval: MINUTE,
  externalLabels: {},
  scrapeProtocols: [...DEFAULT_SCRAPE_PROTOCOLS],
  ...NO_LIMITS,
};

// Zero durations mean "not set", as in Prometheus.
const globalShape = object(
  {
    scrapeInterval: field('scrape_interval', duration, 0),
    scrapeTimeout: field('scrape_timeout', duration, 0),
    evaluationInterval: field('evaluation_interval', duration, 0),
    externalLabels: field('external_labels', labelSet, {}),
    scrapeProtocols: optional('scrape_protocols', list(str)),
    ...LIMIT_FIELDS,
  },
  { unsupported: UNSUPPORTED_GLOBAL },
);

/**
 * The `global` section with Prometheus's defaults: intervals 1m, timeout 10s or the interval
 * when shorter; an explicit timeout above the interval is an error. External label values are
 * expanded from `options.env` when given.
 */
export function globalConfig(options: PrometheusConfigOptions): Decoder<GlobalConfig> {
  return (at) => {
    const { scrapeProtocols, ...raw } = globalShape(at);
    const scrapeInterval = raw.scrapeInterval || MINUTE;
    if (raw.scrapeTimeout > scrapeInterval) {
      at.field('scrape_timeout').fail('global scrape timeout greater than scrape interval');
    }
    return {
      scrapeInterval,
      scrapeTimeout: raw.scrapeTimeout || Math.min(DEFAULT_SCRAPE_TIMEOUT, scrapeInterval),
      evaluationInterval: raw.evaluationInterval || MINUTE,
      externalLabels: options.env
        ? expandLabels(raw.externalLabels, options.env, at)
        : raw.externalLabels,
      // Prometheus leaves an unset list to each job, whose default would change with
      // scrape_native_histograms; that field is not supported, so the default is fixed here.
      scrapeProtocols: scrapeProtocols
        ? checkScrapeProtocols(scrapeProtocols, at.field('scrape_protocols'), 'global config')
        : [...DEFAULT_SCRAPE_PROTOCOLS],
      ...globalLimits(raw),
    };
  };
}

function expandLabels(
  labels: Record<string, string>,
  env: Readonly<Record<string, string | undefined>>,
  at: Cursor,
): Record<string, string> {
  const section = at.lookup('external_labels');
  const pairs = Object.entries(labels).map(([name, value]): [string, string] => {
    const { text, empty } = expandEnv(value, env);
    const where = section?.lookup(name);
    for (const variable of empty) {
      where?.warn(`environment variable ${JSON.stringify(variable)} is empty`);
    }
    return [name, text];
  });
  return Object.fromEntries(pairs);
}
