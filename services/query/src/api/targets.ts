import type { ActiveTargetReport, ScrapeTargetsChunk } from '@promethium/bus';
import { Labels, matchesAll } from '@promethium/model';
import type { Request, Response } from 'express';
import { ApiError } from './errors.js';
import { send, successBody } from './json.js';
import { matcherSets } from './list-params.js';
import { formValues } from './params.js';
import type { FormValue } from './params.js';

/** The scraper replicas' targets, merged (Prometheus's TargetRetriever). */
export interface ScrapeTargetsSource {
  targets(opts: { metadata: boolean }): Promise<ScrapeTargetsChunk>;
}

/** GET /targets: active and dropped targets, with `state` and `scrapePool` filters. */
export async function targets(source: ScrapeTargetsSource, req: Request, res: Response) {
  const form = formValues(req);
  const pool = form('scrapePool');
  const state = form('state').toLowerCase();
  const showActive = state === '' || state === 'any' || state === 'active';
  const showDropped = state === '' || state === 'any' || state === 'dropped';
  const all = await source.targets({ metadata: false });
  const inPool = (t: { scrapePool: string }) => pool === '' || t.scrapePool === pool;
  const active = showActive ? sortTargets(all.active.filter(inPool)).map(activeJson) : [];
  const dropped = showDropped
    ? all.dropped
        .filter(inPool)
        .sort((a, b) => compare(a.scrapePool, b.scrapePool))
        .map((t) => ({ discoveredLabels: t.discoveredLabels, scrapePool: t.scrapePool }))
    : [];
  const data = {
    activeTargets: active,
    droppedTargets: dropped,
    droppedTargetCounts: showDropped ? all.droppedCounts : null,
  };
  send(res, 200, successBody(JSON.stringify(data), []));
}

/** GET /scrape_pools: the configured scrape pools, sorted. */
export async function scrapePools(source: ScrapeTargetsSource, _req: Request, res: Response) {
  const all = await source.targets({ metadata: false });
  const pools = new Set([
    ...Object.keys(all.droppedCounts),
    ...all.active.map((t) => t.scrapePool),
  ]);
  send(res, 200, successBody(JSON.stringify({ scrapePools: [...pools].sort(compare) }), []));
}

/** GET /targets/metadata: metric metadata per target, filtered by `match_target` and `metric`. */
export async function targetMetadata(source: ScrapeTargetsSource, req: Request, res: Response) {
  const form = formValues(req);
  const limit = countParam(form, 'limit');
  const matchTarget = form('match_target');
  const matchers = matchTarget === '' ? [] : matcherSets([matchTarget], true)[0]!;
  const metric = form('metric');
  const all = await source.targets({ metadata: true });
  const out: Record<string, unknown>[] = [];
  for (const target of sortTargets(all.active)) {
    if (limit >= 0 && out.length >= limit) break;
    if (!matchesAll(matchers, Labels.fromRecord(target.labels))) continue;
    for (const meta of target.metadata ?? []) {
      if (metric !== '' && meta.metric !== metric) continue;
      const { type, help, unit } = meta;
      out.push(
        metric === ''
          ? { target: target.labels, metric: meta.metric, type, help, unit }
          : { target: target.labels, type, help, unit },
      );
    }
  }
  send(res, 200, successBody(JSON.stringify(out), []));
}

/** GET /metadata: the distinct metadata of each metric family over every target. */
export async function metricMetadata(source: ScrapeTargetsSource, req: Request, res: Response) {
  const form = formValues(req);
  const limit = countParam(form, 'limit');
  const perMetric = countParam(form, 'limit_per_metric');
  const metric = form('metric');
  const all = await source.targets({ metadata: true });
  const families = new Map<string, Map<string, { type: string; help: string; unit: string }>>();
  for (const target of sortTargets(all.active)) {
    for (const { metric: name, type, help, unit } of target.metadata ?? []) {
      if (metric !== '' && name !== metric) continue;
      let seen = families.get(name);
      if (perMetric > 0 && seen !== undefined && seen.size >= perMetric) continue;
      if (seen === undefined) families.set(name, (seen = new Map()));
      seen.set(JSON.stringify([type, help, unit]), { type, help, unit });
    }
  }
  const data: Record<string, unknown[]> = {};
  for (const [name, seen] of families) {
    if (limit >= 0 && Object.keys(data).length >= limit) break;
    data[name] = [...seen.values()];
  }
  send(res, 200, successBody(JSON.stringify(data), []));
}

// Prometheus's `limit` parameters of the metadata endpoints: absent means no limit (-1).
function countParam(form: FormValue, name: string): number {
  const text = form(name);
  if (text === '') return -1;
  const n = Number(text);
  if (!Number.isInteger(n) || !/^[+-]?\d+$/.test(text))
    throw new ApiError('bad_data', `${name} must be a number`);
  return n;
}

function activeJson(t: ActiveTargetReport) {
  return {
    discoveredLabels: t.discoveredLabels,
    labels: t.labels,
    scrapePool: t.scrapePool,
    scrapeUrl: t.scrapeUrl,
    globalUrl: t.scrapeUrl,
    lastError: t.lastError,
    lastScrape: goTime(t.lastScrapeMs),
    lastScrapeDuration: t.lastScrapeDurationMs / 1000,
    health: t.health,
    scrapeInterval: t.scrapeInterval,
    scrapeTimeout: t.scrapeTimeout,
  };
}

function sortTargets(list: readonly ActiveTargetReport[]): ActiveTargetReport[] {
  return [...list].sort(
    (a, b) => compare(a.scrapePool, b.scrapePool) || compare(a.scrapeUrl, b.scrapeUrl),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A time as Go's encoding/json writes a UTC time.Time (RFC 3339, fraction without trailing zeros). */
function goTime(ms: number): string {
  if (ms === 0) return '0001-01-01T00:00:00Z';
  return new Date(ms).toISOString().replace(/\.?0*Z$/, 'Z');
}
