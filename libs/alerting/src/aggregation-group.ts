import { goQuote } from '@promethium/model';
import { type Alert, compareAlerts, resolvedAt } from './alert.js';
import { type LabelSet, sortedNames } from './fingerprint.js';
import type { NotificationContext, NotificationPipeline } from './notification.js';
import type { Route } from './route.js';

/** prometheus/common's LabelSet.String: `{a="1", b="2"}`, names sorted. */
export function labelSetString(labels: LabelSet): string {
  return `{${sortedNames(labels)
    .map((name) => `${name}=${goQuote(labels[name]!)}`)
    .join(', ')}}`;
}

export interface AggregationGroupOptions {
  route: Route;
  labels: LabelSet;
  pipeline: NotificationPipeline;
  now: () => number;
  /** How long a flush may take, given the group interval. */
  flushTimeout: (groupInterval: number) => number;
  /** Called once the group is empty after a flush and has stopped. */
  onEmpty: (group: AggregationGroup) => void;
  onError: (error: unknown, groupKey: string) => void;
}

/**
 * The alerts of one route with the same group labels. Each group has its own timer and runs
 * at most one flush at a time, so a slow receiver delays only its own groups.
 */
export class AggregationGroup {
  readonly groupKey: string;
  readonly #alerts = new Map<string, Alert>();
  readonly #options: AggregationGroupOptions;
  #timer: NodeJS.Timeout | undefined;
  #hasFlushed = false;
  #flushing: Promise<void> | undefined;
  #flushPending = false;
  #abort: AbortController | undefined;
  #stopped = false;

  constructor(options: AggregationGroupOptions) {
    this.#options = options;
    this.groupKey = `${options.route.key()}:${labelSetString(options.labels)}`;
    this.#schedule(options.route.options.groupWait);
  }

  get route(): Route {
    return this.#options.route;
  }

  get labels(): LabelSet {
    return this.#options.labels;
  }

  /** The group's alerts as currently held, in notification order. */
  alerts(): Alert[] {
    return [...this.#alerts.values()].sort(compareAlerts);
  }

  get empty(): boolean {
    return this.#alerts.size === 0;
  }

  /** Adds or replaces an alert; one older than group_wait makes the first flush immediate. */
  insert(fingerprint: string, alert: Alert): void {
    this.#alerts.set(fingerprint, alert);
    if (
      !this.#hasFlushed &&
      alert.startsAt + this.#options.route.options.groupWait < this.#options.now()
    ) {
      this.#schedule(0);
    }
  }

  /** Stops the timer and aborts a running flush. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  /** Resolves when no flush is running. */
  async idle(): Promise<void> {
    while (this.#flushing !== undefined) await this.#flushing;
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    if (!this.#stopped) this.#timer = setTimeout(() => this.#tick(), delay);
  }

  #tick(): void {
    this.#hasFlushed = true;
    this.#schedule(this.#options.route.options.groupInterval);
    // A flush outlasting the interval is followed by one more, not by a queue of them.
    if (this.#flushing !== undefined) {
      this.#flushPending = true;
      return;
    }
    this.#flushing = this.#flushLoop().finally(() => {
      this.#flushing = undefined;
      if (this.empty && !this.#stopped) {
        this.stop();
        this.#options.onEmpty(this);
      }
    });
  }

  async #flushLoop(): Promise<void> {
    do {
      this.#flushPending = false;
      await this.#flush();
    } while (this.#flushPending && !this.#stopped);
  }

  async #flush(): Promise<void> {
    if (this.empty) return;
    const now = this.#options.now();
    const snapshot = new Map(this.#alerts);
    const resolved: [string, Alert][] = [];
    const alerts: Alert[] = [];
    for (const [fp, alert] of snapshot) {
      // Firing alerts are sent without an end, so none resolves while the pipeline runs.
      if (resolvedAt(alert, now)) resolved.push([fp, alert]);
      alerts.push(resolvedAt(alert, now) ? alert : { ...alert, endsAt: 0 });
    }
    alerts.sort(compareAlerts);
    const options = this.#options;
    const abort = new AbortController();
    this.#abort = abort;
    const deadline = setTimeout(
      () => abort.abort(),
      options.flushTimeout(options.route.options.groupInterval),
    );
    try {
      await options.pipeline.run(this.#context(now, abort.signal), alerts);
      // Resolved alerts were notified; one that fired again meanwhile has been replaced.
      for (const [fp, alert] of resolved) {
        if (this.#alerts.get(fp) === alert) this.#alerts.delete(fp);
      }
    } catch (error) {
      options.onError(error, this.groupKey);
    } finally {
      clearTimeout(deadline);
      this.#abort = undefined;
    }
  }

  #context(now: number, signal: AbortSignal): NotificationContext {
    const route = this.#options.route.options;
    return {
      groupKey: this.groupKey,
      routeId: this.#options.route.id(),
      receiver: route.receiver,
      groupLabels: this.#options.labels,
      repeatInterval: route.repeatInterval,
      muteTimeIntervals: route.muteTimeIntervals,
      activeTimeIntervals: route.activeTimeIntervals,
      now,
      signal,
    };
  }
}
