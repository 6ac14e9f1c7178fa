import { METRIC_NAME } from '@promethium/model';
import type { IndexStats, IndexStatsSource } from '@promethium/storage';
import type { Request, Response } from 'express';
import { ApiError, fromStorageError } from './errors.js';
import { jsonString, send, successBody } from './json.js';
import { formValues } from './params.js';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 10_000;
// Prometheus reports an empty head's span as the int64 extremes.
const EMPTY_MIN_TIME = '9223372036854775807';
const EMPTY_MAX_TIME = '-9223372036854775808';

interface Stat {
  name: string;
  value: number;
}

/** GET /status/tsdb: cardinality summed over every shard; `limit` entries per list (default 10). */
export async function tsdbStatus(
  source: IndexStatsSource,
  req: Request,
  res: Response,
): Promise<void> {
  const limit = limitParam(formValues(req)('limit'));
  let stats: IndexStats;
  try {
    stats = await source.indexStats();
  } catch (err) {
    const mapped = fromStorageError(err);
    // Prometheus answers a failing stats read as internal; an unreachable shard stays unavailable.
    throw mapped.code === 'unavailable'
      ? mapped
      : new ApiError('internal', mapped.message, { cause: err });
  }
  send(res, 200, successBody(statusJson(stats, limit), []));
}

function limitParam(text: string): number {
  if (text === '') return DEFAULT_LIMIT;
  const limit = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!(limit >= 1)) throw new ApiError('bad_data', 'limit must be a positive number');
  if (limit > MAX_LIMIT) throw new ApiError('bad_data', `limit must not exceed ${MAX_LIMIT}`);
  return limit;
}

/** The TSDBStatus object Prometheus answers with, derived from per-pair series counts. */
export function statusJson(stats: IndexStats, limit: number): string {
  const metrics: Stat[] = [];
  const pairs: Stat[] = [];
  const values = new Map<string, number>();
  const bytes = new Map<string, number>();
  for (const p of stats.pairs) {
    if (p.name === METRIC_NAME) metrics.push({ name: p.value, value: p.series });
    pairs.push({ name: `${p.name}=${p.value}`, value: p.series });
    values.set(p.name, (values.get(p.name) ?? 0) + 1);
    // Prometheus counts a value's bytes once per series that carries it.
    bytes.set(p.name, (bytes.get(p.name) ?? 0) + Buffer.byteLength(p.value) * p.series);
  }
  const empty = stats.minTime > stats.maxTime;
  const head =
    `{"numSeries":${stats.numSeries},"numLabelPairs":${stats.pairs.length},"chunkCount":0,` +
    `"minTime":${empty ? EMPTY_MIN_TIME : stats.minTime},"maxTime":${empty ? EMPTY_MAX_TIME : stats.maxTime}}`;
  const list = (all: Stat[]): string => `[${top(all, limit).map(statJson).join(',')}]`;
  const fromMap = (m: Map<string, number>): Stat[] =>
    [...m].map(([name, value]) => ({ name, value }));
  return (
    `{"headStats":${head},` +
    `"seriesCountByMetricName":${list(metrics)},` +
    `"labelValueCountByLabelName":${list(fromMap(values))},` +
    `"memoryInBytesByLabelName":${list(fromMap(bytes))},` +
    `"seriesCountByLabelValuePair":${list(pairs)}}`
  );
}

// Largest first; ties by name, so the answer does not depend on shard order.
function top(all: Stat[], limit: number): Stat[] {
  return all
    .sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
}

function statJson(s: Stat): string {
  return `{"name":${jsonString(s.name)},"value":${s.value}}`;
}
