import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigReadError } from '../errors.js';
import { check, decodeYaml, list, nonNull, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object } from '../yaml/object.js';
import { DEFAULT_GLOBAL, globalConfig } from './global.js';
import { joinDir } from '../paths.js';
import { resolveScrapeConfig, scrapeConfig } from './scrape.js';
import type { LoadedConfig, PrometheusConfig, PrometheusConfigOptions } from './types.js';
import { UNSUPPORTED_TOP_LEVEL } from './unsupported.js';

// A `*` may appear only in the last path element.
const RULE_FILE_PATTERN = /^[^*]*(\*[^/]*)?$/;

const ruleFile = check(str, (f) =>
  RULE_FILE_PATTERN.test(f) ? undefined : `invalid rule file path ${JSON.stringify(f)}`,
);

function prometheusFile(file: string, options: PrometheusConfigOptions): Decoder<PrometheusConfig> {
  const shape = object(
    {
      global: field('global', globalConfig(options), DEFAULT_GLOBAL),
      scrapeConfigs: field(
        'scrape_configs',
        list(nonNull(scrapeConfig, 'empty or null scrape config section')),
        [],
      ),
      ruleFiles: field('rule_files', list(ruleFile), [] as string[]),
    },
    { unsupported: UNSUPPORTED_TOP_LEVEL },
  );
  return (at) => {
    const { global, ...raw } = shape(at);
    const jobs = at.lookup('scrape_configs')?.items() ?? [];
    const seen = new Set<string>();
    const scrapeConfigs = raw.scrapeConfigs.map((sc, i) => {
      const job = jobs[i]!;
      if (seen.has(sc.jobName)) {
        job
          .field('job_name')
          .fail(`found multiple scrape configs with job name ${JSON.stringify(sc.jobName)}`);
      }
      seen.add(sc.jobName);
      return resolveScrapeConfig(sc, global, job, file);
    });
    const dir = dirname(file);
    return { global, scrapeConfigs, ruleFiles: raw.ruleFiles.map((f) => joinDir(dir, f)) };
  };
}

/**
 * Parses prometheus.yml text as Prometheus 3 does (same defaults and validation); `file` names
 * it in messages and anchors relative paths. Throws ConfigError at the first problem; fields
 * Prometheus knows but Promethium does not implement yet become warnings.
 */
export function parsePrometheusConfig(
  text: string,
  file: string,
  options: PrometheusConfigOptions = {},
): LoadedConfig {
  const { value, warnings } = decodeYaml(text, file, prometheusFile(file, options));
  return { config: value, warnings };
}

/** Reads and parses a prometheus.yml; throws ConfigReadError when unreadable, ConfigError when invalid. */
export async function loadPrometheusConfig(
  path: string,
  options: PrometheusConfigOptions = {},
): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigReadError(path, cause);
  }
  return parsePrometheusConfig(text, path, options);
}
