import { METRIC_NAME } from '@promethium/model';
import type { Labels } from '@promethium/model';
import { parseNumberText } from '../script/number.js';
import type { LoadCommand, SeriesLine } from '../script/types.js';
import type { MemoryStorage, StoredSample } from './memory.js';

const CLASSIC_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

/**
 * Writes a load command into `storage`: each series' values at 0, interval,
 * 2·interval, … (gaps skipped). When one command defines a series twice the later
 * line wins. With load_with_nhcb, every classic histogram group (`x_bucket{le}`,
 * `x_sum`, `x_count`) also becomes a native histogram series `x` (without `le`),
 * stored as histogram samples at the times the group has float samples.
 * A value with a start-timestamp offset (from an `@st` line) gets the start timestamp
 * `t + offset` (Prometheus's harness does the same); histogram samples do not keep it.
 */
export function applyLoad(storage: MemoryStorage, command: LoadCommand): void {
  const lastDefinition = new Map<string, SeriesLine>();
  for (const series of command.series) lastDefinition.set(series.labels.key(), series);
  const nhcb = new Map<string, { labels: Labels; times: Set<number> }>();
  for (const series of lastDefinition.values()) {
    const samples = samplesOf(series, command.intervalMs);
    for (const sample of samples) storage.append(series.labels, sample);
    const base = command.withNhcb ? nhcbLabels(series.labels) : undefined;
    if (!base) continue;
    const group = nhcb.get(base.key()) ?? { labels: base, times: new Set<number>() };
    for (const sample of samples) if (!('histogram' in sample)) group.times.add(sample.t);
    nhcb.set(base.key(), group);
  }
  for (const { labels, times } of nhcb.values()) {
    for (const t of times) storage.append(labels, { t, histogram: true });
  }
}

function samplesOf(series: SeriesLine, intervalMs: number): StoredSample[] {
  const out: StoredSample[] = [];
  series.values.forEach((value, i) => {
    const t = i * intervalMs;
    const offset = series.startOffsets?.[i];
    const start = offset === undefined ? {} : { st: t + offset };
    if (value.kind === 'float') out.push({ t, v: value.v, ...start });
    else if (value.kind === 'stale') out.push({ t, v: Number.NaN, stale: true, ...start });
    else if (value.kind === 'histogram') out.push({ t, histogram: true });
  });
  return out;
}

/** The native histogram series a classic histogram series belongs to, or undefined. */
function nhcbLabels(labels: Labels): Labels | undefined {
  const name = labels.name;
  const suffix = CLASSIC_SUFFIXES.find((s) => name.endsWith(s));
  if (!suffix) return undefined;
  if (suffix === '_bucket' && !validBound(labels.get('le'))) return undefined;
  return labels.with(METRIC_NAME, name.slice(0, -suffix.length)).without('le');
}

function validBound(le: string): boolean {
  try {
    return !Number.isNaN(parseNumberText(le));
  } catch {
    return false;
  }
}
