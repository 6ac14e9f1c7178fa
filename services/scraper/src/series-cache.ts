import { METRIC_NAME, Labels, staleMarker } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import type { ParsedSample } from '@promethium/exposition';
import { relabel } from '@promethium/relabel';
import type { RelabelConfig } from '@promethium/relabel';

/** Prometheus's per-scrape limits; 0 means no limit. */
export interface ScrapeLimits {
  readonly sampleLimit: number;
  readonly labelLimit: number;
  readonly labelNameLengthLimit: number;
  readonly labelValueLengthLimit: number;
}

/** How a target turns scraped label sets into stored ones. */
export interface SeriesRules {
  readonly targetLabels: Labels;
  readonly honorLabels: boolean;
  readonly honorTimestamps: boolean;
  /** Series with their own timestamps get staleness markers too. */
  readonly trackTimestampsStaleness: boolean;
  readonly metricRelabelConfigs: readonly RelabelConfig[];
  readonly limits: ScrapeLimits;
}

/** What one scrape's samples came to. */
export interface AppendedScrape {
  /** The samples to store; when the scrape failed, only staleness markers. */
  readonly samples: LabeledSample[];
  /** Samples in the body. */
  readonly scraped: number;
  /** Samples left after metric relabeling (duplicates included, as Prometheus counts). */
  readonly added: number;
  /** Series not in the previous successful scrape. */
  readonly seriesAdded: number;
  /** Why the scrape fails (a limit, a label set without a name), as Prometheus says it. */
  readonly error?: string;
  readonly duplicates: number;
  /** Samples dated more than 10 minutes ahead, which Prometheus's storage refuses. */
  readonly outOfBounds: number;
  readonly exceededSampleLimit: boolean;
  readonly exceededLabelLimits: boolean;
}

const MAX_AHEAD_MS = 10 * 60 * 1000;

/** What the cache knows of one scraped series. */
interface SeriesEntry {
  /** The labels it is stored under, or null when metric relabeling drops it. */
  readonly stored: Labels | null;
  /** The last append that saw it. */
  seenIn: number;
  /** Whether the last successful scrape before `seenIn` had it too. */
  known: boolean;
  /** The last append that wrote a sample of it. */
  writtenIn: number;
  /** The last successful scrape whose sample of it a missing one would make stale. */
  trackedIn: number;
}

/**
 * Prometheus's scrape cache for one target: the stored label set of every scraped series
 * (or that metric relabeling drops it), kept from one successful scrape to the next so
 * unchanged series are not rebuilt, and which series each scrape wrote, which get
 * staleness markers when a later scrape lacks them.
 */
export class SeriesCache {
  // By the scraped label set's key.
  readonly #entries = new Map<string, SeriesEntry>();
  #appends = 0;
  #lastSuccess = 0;

  constructor(private readonly rules: SeriesRules) {}

  /**
   * Turns a scrape's samples into stored samples at `scrapeTime`, plus staleness markers
   * for the series the last scrape had and this one lacks. A scrape that fails (`error`)
   * stores none of its samples: it counts as empty, as a failed HTTP scrape does.
   */
  append(parsed: readonly ParsedSample[], scrapeTime: number): AppendedScrape {
    const run = new ScrapeRun(
      this.rules,
      this.#entries,
      ++this.#appends,
      this.#lastSuccess,
      scrapeTime,
    );
    for (const sample of parsed) if (!run.add(sample)) break;
    const error = run.error();
    if (error !== undefined)
      return { ...run.counts(), samples: this.markAllStale(scrapeTime), error };
    for (const entry of run.tracked) entry.trackedIn = run.id;
    const samples = run.samples;
    for (const [key, entry] of this.#entries) {
      if (entry.trackedIn === this.#lastSuccess)
        samples.push({ labels: entry.stored!, ...staleMarker(scrapeTime) });
      if (entry.seenIn !== run.id) this.#entries.delete(key);
    }
    this.#lastSuccess = run.id;
    return { ...run.counts(), samples };
  }

  /** Staleness markers for every series of the last scrape, which empties the cache. */
  markAllStale(t: number): LabeledSample[] {
    const stale: LabeledSample[] = [];
    for (const entry of this.#entries.values())
      if (entry.trackedIn === this.#lastSuccess)
        stale.push({ labels: entry.stored!, ...staleMarker(t) });
    this.#entries.clear();
    return stale;
  }
}

/** The state of appending one scrape. */
class ScrapeRun {
  readonly samples: LabeledSample[] = [];
  /** Entries whose samples a later scrape's lack makes stale, once this one succeeds. */
  readonly tracked: SeriesEntry[] = [];
  #scraped = 0;
  #added = 0;
  #seriesAdded = 0;
  #duplicates = 0;
  #outOfBounds = 0;
  #sampleLimitExceeded = false;
  #fatal: string | undefined;
  #labelLimitExceeded = false;

  constructor(
    private readonly rules: SeriesRules,
    private readonly entries: Map<string, SeriesEntry>,
    readonly id: number,
    private readonly lastSuccess: number,
    private readonly scrapeTime: number,
  ) {}

  /** Adds one sample; false when the scrape has failed and the rest need not be read. */
  add(sample: ParsedSample): boolean {
    this.#scraped++;
    const key = sample.labels.key();
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const stored = storedLabels(sample.labels, this.rules);
      if (stored !== null) {
        const problem = checkLabels(stored, this.rules.limits);
        if (problem !== undefined) {
          this.#fatal = problem.message;
          this.#labelLimitExceeded = problem.limit;
          return false;
        }
      }
      entry = { stored, seenIn: this.id, known: false, writtenIn: 0, trackedIn: -1 };
      this.entries.set(key, entry);
    } else if (entry.seenIn !== this.id) {
      entry.known = entry.seenIn === this.lastSuccess;
      entry.seenIn = this.id;
    }
    if (entry.stored !== null) this.#addSample(entry, sample);
    return true;
  }

  #addSample(entry: SeriesEntry, sample: ParsedSample): void {
    const ownTime = this.rules.honorTimestamps ? sample.timestampMs : undefined;
    const t = ownTime ?? this.scrapeTime;
    this.#added++;
    if (ownTime === undefined && entry.writtenIn === this.id) {
      this.#duplicates++;
      return;
    }
    if (t > Date.now() + MAX_AHEAD_MS) {
      this.#outOfBounds++;
      return;
    }
    const limit = this.rules.limits.sampleLimit;
    if (limit > 0 && this.samples.length >= limit) {
      // Reading goes on so scrape_samples_scraped counts the whole body, as in Prometheus.
      this.#sampleLimitExceeded = true;
      return;
    }
    entry.writtenIn = this.id;
    this.samples.push({ labels: entry.stored!, t, v: sample.value });
    if (ownTime === undefined || this.rules.trackTimestampsStaleness) this.tracked.push(entry);
    if (!entry.known) this.#seriesAdded++;
  }

  error(): string | undefined {
    return this.#fatal ?? (this.#sampleLimitExceeded ? 'sample limit exceeded' : undefined);
  }

  counts(): Omit<AppendedScrape, 'samples' | 'error'> {
    return {
      scraped: this.#scraped,
      added: this.#added,
      seriesAdded: this.#seriesAdded,
      duplicates: this.#duplicates,
      outOfBounds: this.#outOfBounds,
      exceededSampleLimit: this.#sampleLimitExceeded,
      exceededLabelLimits: this.#labelLimitExceeded,
    };
  }
}

/**
 * The scraped labels with the target's labels added and metric relabeling applied, or
 * null when relabeling drops the series. Without honor_labels a scraped label that a target
 * label overrides is kept as `exported_<name>` (prefixed again until the name is free).
 */
function storedLabels(scraped: Labels, rules: SeriesRules): Labels | null {
  const pairs = new Map<string, string>(scraped);
  const conflicts: [string, string][] = [];
  for (const [name, value] of rules.targetLabels) {
    const exposed = pairs.get(name);
    if (exposed !== undefined && rules.honorLabels) continue;
    if (exposed !== undefined) conflicts.push([name, exposed]);
    pairs.set(name, value);
  }
  conflicts.sort((a, b) => a[0].length - b[0].length);
  for (const [name, value] of conflicts) {
    let exported = `exported_${name}`;
    while (pairs.has(exported)) exported = `exported_${exported}`;
    pairs.set(exported, value);
  }
  const labels = Labels.fromPairs(pairs);
  if (rules.metricRelabelConfigs.length === 0) return labels;
  const relabeled = relabel(labels, rules.metricRelabelConfigs);
  return relabeled === undefined || relabeled.size === 0 ? null : relabeled;
}

/** Why a stored label set fails the scrape, in Prometheus's words; `limit` for the limits. */
function checkLabels(
  labels: Labels,
  limits: ScrapeLimits,
): { message: string; limit: boolean } | undefined {
  const metric = labels.get(METRIC_NAME);
  if (metric === '') return { message: 'missing metric name (__name__ label)', limit: false };
  const shortMetric = truncate(metric);
  if (limits.labelLimit > 0 && labels.size > limits.labelLimit) {
    return {
      message: `label_limit exceeded (metric: ${shortMetric}, number of labels: ${labels.size}, limit: ${limits.labelLimit})`,
      limit: true,
    };
  }
  const { labelNameLengthLimit: nameLimit, labelValueLengthLimit: valueLimit } = limits;
  if (nameLimit === 0 && valueLimit === 0) return undefined;
  for (const [name, value] of labels) {
    const nameLength = Buffer.byteLength(name);
    if (nameLimit > 0 && nameLength > nameLimit) {
      return {
        message: `label_name_length_limit exceeded (metric: ${shortMetric}, label name: ${truncate(name)}, length: ${nameLength}, limit: ${nameLimit})`,
        limit: true,
      };
    }
    const valueLength = Buffer.byteLength(value);
    if (valueLimit > 0 && valueLength > valueLimit) {
      return {
        message: `label_value_length_limit exceeded (metric: ${shortMetric}, label name: ${truncate(name)}, value: ${JSON.stringify(truncate(value))}, length: ${valueLength}, limit: ${valueLimit})`,
        limit: true,
      };
    }
  }
  return undefined;
}

// Go's %.50s: at most 50 characters.
function truncate(text: string): string {
  return text.length <= 50 ? text : [...text].slice(0, 50).join('');
}
