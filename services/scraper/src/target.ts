import { ADDRESS_LABEL, Labels, formatDuration, parseDuration } from '@promethium/model';
import type { TargetGroup } from '@promethium/model';
import type { ScrapeConfig } from '@promethium/config';
import { relabel } from '@promethium/relabel';

/** One endpoint to scrape, with the labels every sample from it carries. */
export interface Target {
  /** Identity of the target within its job: its labels plus its URL. */
  readonly key: string;
  readonly url: string;
  /** The labels after relabeling, without `__`-prefixed ones. */
  readonly labels: Labels;
  /** The labels before relabeling, `__meta_` ones included. */
  readonly discoveredLabels: Labels;
  /** From `__scrape_interval__` / `__scrape_timeout__`, which relabeling may change. */
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly config: ScrapeConfig;
}

const PARAM_PREFIX = '__param_';

/** A job's targets: those to scrape, and the discovered label sets relabeling dropped. */
export interface JobTargets {
  readonly active: Target[];
  readonly dropped: Labels[];
}

/**
 * Turns a job's discovered groups into targets as Prometheus does: target labels over
 * group labels, then the scrape config's `job`, `__scrape_interval__`,
 * `__scrape_timeout__`, `__metrics_path__`, `__scheme__` and `__param_<name>` where not
 * set, then `relabel_configs`. One that cannot be scraped (no or bad address, bad
 * interval or timeout) is reported through `onInvalid` and left out of both lists.
 * `__meta_` labels go, `instance` defaults to `__address__`, and the `__` labels shape the
 * URL only.
 */
export function targetsFromGroups(
  config: ScrapeConfig,
  groups: readonly TargetGroup[],
  onInvalid: (address: string, reason: string) => void,
): JobTargets {
  const active = new Map<string, Target>();
  const dropped: Labels[] = [];
  for (const group of groups) {
    for (const target of group.targets) {
      const discovered = discoveredLabels(config, group.labels, target);
      const labels = relabel(discovered, config.relabelConfigs);
      if (!labels || labels.size === 0) {
        dropped.push(discovered);
        continue;
      }
      const scrapable = toTarget(config, labels, discovered);
      if (typeof scrapable === 'string') onInvalid(labels.get(ADDRESS_LABEL), scrapable);
      else active.set(scrapable.key, scrapable);
    }
  }
  return { active: [...active.values()], dropped };
}

function discoveredLabels(
  config: ScrapeConfig,
  groupLabels: Readonly<Record<string, string>>,
  targetLabels: Readonly<Record<string, string>>,
): Labels {
  const merged: Record<string, string> = { ...groupLabels, ...targetLabels };
  const defaults: Record<string, string> = {
    job: config.jobName,
    __scrape_interval__: formatDuration(config.scrapeInterval),
    __scrape_timeout__: formatDuration(config.scrapeTimeout),
    __metrics_path__: config.metricsPath,
    __scheme__: config.scheme,
  };
  for (const [name, values] of Object.entries(config.params))
    if (values.length > 0) defaults[PARAM_PREFIX + name] = values[0]!;
  for (const [name, value] of Object.entries(defaults)) if (!merged[name]) merged[name] = value;
  return Labels.fromRecord(merged);
}

/** The target these relabeled labels describe, or why they describe none. */
function toTarget(config: ScrapeConfig, labels: Labels, discovered: Labels): Target | string {
  const address = labels.get(ADDRESS_LABEL);
  if (address === '') return 'no address';
  if (address.includes('/')) return `"${address}" is not a valid hostname`;
  const intervalMs = durationLabel(labels, '__scrape_interval__', 'scrape interval');
  if (typeof intervalMs === 'string') return intervalMs;
  const timeoutMs = durationLabel(labels, '__scrape_timeout__', 'scrape timeout');
  if (typeof timeoutMs === 'string') return timeoutMs;
  if (timeoutMs > intervalMs)
    return `scrape timeout cannot be greater than scrape interval ("${labels.get('__scrape_timeout__')}" > "${labels.get('__scrape_interval__')}")`;
  const url = scrapeUrl(config, labels);
  if (url === undefined) return 'not a valid host:port';
  const kept: [string, string][] = [];
  for (const [name, value] of labels) if (!name.startsWith('__')) kept.push([name, value]);
  if (!labels.get('instance')) kept.push(['instance', address]);
  const visible = Labels.fromPairs(kept);
  const key = `${url}\n${visible.key()}`;
  return { key, url, labels: visible, discoveredLabels: discovered, intervalMs, timeoutMs, config };
}

function durationLabel(labels: Labels, name: string, what: string): number | string {
  let ms: number;
  try {
    ms = parseDuration(labels.get(name));
  } catch (err) {
    return `error parsing ${what}: ${(err as Error).message}`;
  }
  return ms === 0 ? `${what} cannot be 0` : ms;
}

function scrapeUrl(config: ScrapeConfig, labels: Labels): string | undefined {
  const address = labels.get(ADDRESS_LABEL);
  if (/[?#@\s]/.test(address)) return undefined;
  const params = new Map(Object.entries(config.params).map(([k, v]) => [k, [...v]]));
  for (const [name, value] of labels) {
    if (!name.startsWith(PARAM_PREFIX)) continue;
    const key = name.slice(PARAM_PREFIX.length);
    const values = params.get(key);
    if (values && values.length > 0) values[0] = value;
    else params.set(key, [value]);
  }
  try {
    const url = new URL(
      `${labels.get('__scheme__')}://${address}${labels.get('__metrics_path__')}`,
    );
    for (const [name, values] of params)
      for (const value of values) url.searchParams.append(name, value);
    return url.toString();
  } catch {
    return undefined;
  }
}
