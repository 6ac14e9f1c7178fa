import { ADDRESS_LABEL, Labels } from '@promethium/model';
import type { TargetGroup } from '@promethium/model';
import type { ScrapeConfig } from '@promethium/config';

/** One endpoint to scrape, with the labels every sample from it carries. */
export interface Target {
  /** Identity of the target within its job: its labels plus its URL. */
  readonly key: string;
  readonly url: string;
  /** `job`, `instance` and the discovered labels, without `__`-prefixed ones. */
  readonly labels: Labels;
  readonly config: ScrapeConfig;
}

/**
 * Turns a job's discovered groups into targets the way Prometheus does without relabel
 * rules: group labels under target labels, `job` from the config, `instance` from
 * `__address__`, internal `__` labels dropped. A group with an invalid address is skipped
 * and reported through `onInvalid`.
 */
export function targetsFromGroups(
  config: ScrapeConfig,
  groups: readonly TargetGroup[],
  onInvalid: (address: string, reason: string) => void,
): Target[] {
  const out = new Map<string, Target>();
  for (const group of groups) {
    for (const target of group.targets) {
      const merged: Record<string, string> = { job: config.jobName, ...group.labels, ...target };
      const address = merged[ADDRESS_LABEL] ?? '';
      const url = scrapeUrl(config, address);
      if (url === undefined) {
        onInvalid(address, 'not a valid host:port');
        continue;
      }
      merged.instance ||= address;
      const labels = Labels.fromPairs(
        Object.entries(merged).filter(([name]) => !name.startsWith('__')),
      );
      const key = `${url}\n${labels.key()}`;
      out.set(key, { key, url, labels, config });
    }
  }
  return [...out.values()];
}

function scrapeUrl(config: ScrapeConfig, address: string): string | undefined {
  if (address === '' || /[/?#@\s]/.test(address)) return undefined;
  try {
    const url = new URL(`${config.scheme}://${address}${config.metricsPath}`);
    for (const [name, values] of Object.entries(config.params)) {
      for (const value of values) url.searchParams.append(name, value);
    }
    return url.toString();
  } catch {
    return undefined;
  }
}
