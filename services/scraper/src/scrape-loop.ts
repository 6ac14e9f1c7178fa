import { Labels, staleMarker } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import type { ParsedSample } from '@promethium/exposition';
import type { Appendable } from '@promethium/storage';
import type { Target } from './target.js';
import { scrapeTarget } from './scrape.js';
import type { ScrapeOutcome } from './scrape.js';

/** Hooks through which a loop reports what it did. */
export interface ScrapeLoopObserver {
  scraped(target: Target, outcome: ScrapeOutcome, durationMs: number): void;
  appendFailed(target: Target, err: unknown): void;
}

/**
 * Scrapes one target every interval, at an offset derived from the target's hash so
 * scrapes spread over the interval, and writes its samples plus the synthetic `up`,
 * `scrape_duration_seconds`, `scrape_samples_scraped` series. Series that disappear,
 * and every series when the target goes away, get a staleness marker.
 */
export class ScrapeLoop {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  // Scraped label set (its key) → the labels stored for it, from the last scrape. Reusing
  // them skips rebuilding, sorting and re-hashing every series on every scrape.
  private previous = new Map<string, Labels>();
  private running: Promise<void> = Promise.resolve();
  private busy = false;

  constructor(
    readonly target: Target,
    private readonly appendable: Appendable,
    private readonly observer: ScrapeLoopObserver,
  ) {}

  /** Schedules the first scrape at this target's offset within the interval. */
  start(): void {
    const interval = this.target.intervalMs;
    const offset = Number(this.target.labels.hash() % BigInt(interval));
    const delay = (offset - (Date.now() % interval) + interval) % interval;
    this.timer = setTimeout(() => this.tick(), delay);
  }

  /** Stops scraping and marks every series of the last scrape stale. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.controller.abort();
    await this.running;
    await this.write(this.staleFor(new Map(), Date.now()));
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
    const outcome = await scrapeTarget(this.target, this.controller.signal);
    if (this.controller.signal.aborted) return;
    const durationMs = Date.now() - start;
    this.observer.scraped(this.target, outcome, durationMs);
    const current = new Map<string, Labels>();
    const samples = outcome.ok ? outcome.samples.map((s) => this.label(s, start, current)) : [];
    const report = this.reportSamples(start, outcome.ok, durationMs, samples.length);
    await this.write([...samples, ...this.staleFor(current, start), ...report]);
    this.previous = current;
  }

  private label(
    sample: ParsedSample,
    scrapeTime: number,
    current: Map<string, Labels>,
  ): LabeledSample {
    const key = sample.labels.key();
    const labels =
      this.previous.get(key) ?? current.get(key) ?? this.withTargetLabels(sample.labels);
    current.set(key, labels);
    const { honorTimestamps } = this.target.config;
    const t = honorTimestamps && sample.timestampMs !== undefined ? sample.timestampMs : scrapeTime;
    return { labels, t, v: sample.value };
  }

  private withTargetLabels(scraped: Labels): Labels {
    const pairs: (readonly [string, string])[] = [...scraped];
    for (const [name, value] of this.target.labels) {
      const clash = pairs.findIndex(([n]) => n === name);
      if (clash === -1) pairs.push([name, value]);
      else if (!this.target.config.honorLabels)
        pairs.splice(clash, 1, [`exported_${name}`, pairs[clash]![1]], [name, value]);
    }
    return Labels.fromPairs(pairs);
  }

  private staleFor(current: Map<string, Labels>, t: number): LabeledSample[] {
    const stale: LabeledSample[] = [];
    for (const [key, labels] of this.previous)
      if (!current.has(key)) stale.push({ labels, ...staleMarker(t) });
    return stale;
  }

  private reportSamples(
    t: number,
    up: boolean,
    durationMs: number,
    scraped: number,
  ): LabeledSample[] {
    const series = (name: string, v: number): LabeledSample => ({
      labels: this.target.labels.with('__name__', name),
      t,
      v,
    });
    return [
      series('up', up ? 1 : 0),
      series('scrape_duration_seconds', durationMs / 1000),
      series('scrape_samples_scraped', scraped),
    ];
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
