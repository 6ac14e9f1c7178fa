import type { LabeledSample, Labels } from '@promethium/model';
import { staleMarker } from '@promethium/model';
import { SeriesTextCache } from '@promethium/exposition';
import type { MetricMetadata } from '@promethium/exposition';
import type { Appendable } from '@promethium/storage';
import type { Target } from './target.js';
import type { JobScraper, ScrapeOutcome } from './scrape.js';
import { SeriesCache } from './series-cache.js';
import type { AppendedScrape } from './series-cache.js';

/** Hooks through which a loop reports what it did. */
export interface ScrapeLoopObserver {
  /** `appended` is missing when the scrape itself (HTTP, parsing) failed. */
  scraped(
    target: Target,
    outcome: ScrapeOutcome,
    durationMs: number,
    appended: AppendedScrape | undefined,
  ): void;
  appendFailed(target: Target, err: unknown): void;
}

/** What `/api/v1/targets` says of a target's last scrape. */
export interface TargetHealth {
  readonly health: 'up' | 'down' | 'unknown';
  /** Empty when the last scrape succeeded. */
  readonly lastError: string;
  /** Milliseconds since the epoch; 0 before the first scrape. */
  readonly lastScrape: number;
  readonly lastScrapeDurationMs: number;
}

const REPORT_SERIES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
] as const;
type ReportSeries = (typeof REPORT_SERIES)[number];

/**
 * Scrapes one target every interval, at an offset derived from the target's hash so
 * scrapes spread over the interval, and writes its samples (with the target's labels and
 * `metric_relabel_configs` applied, within the scrape limits) plus Prometheus's synthetic
 * series `up`, `scrape_duration_seconds`, `scrape_samples_scraped`,
 * `scrape_samples_post_metric_relabeling` and `scrape_series_added`. A failed scrape writes
 * `up 0` and counts as empty: series that disappear, and every series when the target goes
 * away, get a staleness marker.
 */
export class ScrapeLoop {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly cache: SeriesCache;
  private readonly seriesTexts = new SeriesTextCache();
  // The same Labels every scrape, so the write path can tell the series repeat (see
  // encodeSampleBatches).
  private readonly reportLabels: readonly Labels[];
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private forcedError: string | undefined;
  private lastMetadata: ReadonlyMap<string, MetricMetadata> = new Map();
  private lastHealth: TargetHealth = {
    health: 'unknown',
    lastError: '',
    lastScrape: 0,
    lastScrapeDurationMs: 0,
  };

  constructor(
    readonly target: Target,
    private readonly scraper: JobScraper,
    private readonly appendable: Appendable,
    private readonly observer: ScrapeLoopObserver,
  ) {
    const { config } = target;
    this.reportLabels = REPORT_SERIES.map((name) => target.labels.with('__name__', name));
    this.cache = new SeriesCache({
      targetLabels: target.labels,
      honorLabels: config.honorLabels,
      honorTimestamps: config.honorTimestamps,
      trackTimestampsStaleness: config.trackTimestampsStaleness,
      metricRelabelConfigs: config.metricRelabelConfigs,
      limits: config,
    });
  }

  /** The outcome of the last scrape. */
  get health(): TargetHealth {
    return this.lastHealth;
  }

  /** The metric metadata of the last successful scrape, by metric family. */
  get metadata(): ReadonlyMap<string, MetricMetadata> {
    return this.lastMetadata;
  }

  /**
   * Makes every scrape fail with `error` without asking the target (or scrape again when
   * undefined), as Prometheus does to all targets of a job over its target_limit.
   */
  setForcedError(error: string | undefined): void {
    this.forcedError = error;
  }

  /** Schedules the first scrape at this target's offset within the interval. */
  start(): void {
    const interval = this.target.intervalMs;
    const offset = Number(this.target.labels.hash() % BigInt(interval));
    const delay = (offset - (Date.now() % interval) + interval) % interval;
    this.timer = setTimeout(() => this.tick(), delay);
  }

  /**
   * Stops scraping and marks every series of the target stale, the synthetic ones too;
   * with `markStale: false` it marks nothing, for a target handed over to another
   * replica, whose scrapes continue its series.
   */
  async stop({ markStale = true }: { markStale?: boolean } = {}): Promise<void> {
    clearTimeout(this.timer);
    this.controller.abort();
    await this.running;
    if (!markStale) return;
    const now = Date.now();
    const report =
      this.lastHealth.lastScrape === 0
        ? []
        : this.reportLabels.map((labels) => ({ labels, ...staleMarker(now) }));
    await this.write([...this.cache.markAllStale(now), ...report]);
  }

  private tick(): void {
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(() => this.tick(), this.target.intervalMs);
    // As Prometheus's ticker does, a tick that comes while the last scrape is still being
    // written (storage slow or away) is skipped, not queued: a backlog would burst out later
    // and hold up stop().
    if (this.busy) return;
    this.busy = true;
    this.running = this.scrapeOnce().finally(() => (this.busy = false));
  }

  private async scrapeOnce(): Promise<void> {
    const start = Date.now();
    const outcome: ScrapeOutcome =
      this.forcedError === undefined
        ? await this.scraper.scrape(this.target, this.controller.signal, this.seriesTexts)
        : { ok: false, reason: 'target_limit', error: this.forcedError };
    if (this.controller.signal.aborted) return;
    const durationMs = Date.now() - start;
    const appended = outcome.ok ? this.cache.append(outcome.samples, start) : undefined;
    const error = outcome.ok ? appended!.error : outcome.error;
    this.observer.scraped(this.target, outcome, durationMs, appended);
    const report = this.reportSamples(start, {
      up: error === undefined ? 1 : 0,
      scrape_duration_seconds: durationMs / 1000,
      scrape_samples_scraped: appended?.scraped ?? 0,
      scrape_samples_post_metric_relabeling: appended?.added ?? 0,
      scrape_series_added: appended?.seriesAdded ?? 0,
    });
    this.lastHealth = {
      health: error === undefined ? 'up' : 'down',
      lastError: error ?? '',
      lastScrape: start,
      lastScrapeDurationMs: durationMs,
    };
    if (outcome.ok && error === undefined) this.lastMetadata = outcome.metadata;
    const samples = appended?.samples ?? this.cache.markAllStale(start);
    await this.write([...samples, ...report]);
  }

  // The synthetic series carry the target's labels only, whatever metric relabeling says.
  private reportSamples(t: number, values: Record<ReportSeries, number>): LabeledSample[] {
    return REPORT_SERIES.map((name, i) => ({ labels: this.reportLabels[i]!, t, v: values[name] }));
  }

  private async write(samples: readonly LabeledSample[]): Promise<void> {
    if (samples.length === 0) return;
    const appender = this.appendable.appender();
    for (const s of samples) appender.append(s);
    try {
      await appender.commit();
    } catch (err) {
      this.observer.appendFailed(this.target, err);
    }
  }
}
