import { type Alert, alertFingerprint, mergeAlerts, resolvedAt } from './alert.js';

/** Called with each alert stored (new or updated), in order. */
export type AlertListener = (alert: Alert, fingerprint: string) => void;

export interface AlertsOptions {
  /** How often resolved alerts are dropped (Alertmanager: 30m). */
  gcInterval: number;
  /** Most alerts held at once; new fingerprints beyond it are rejected. */
  maxAlerts: number;
  /** Called with the fingerprints dropped by a GC, e.g. to forget their markers. */
  onDeleted?: (fingerprints: string[]) => void;
  now?: () => number;
}

/** The outcome of `put`: alerts refused because the store is full. */
export interface PutResult {
  stored: number;
  rejected: Alert[];
}

/**
 * The alert provider (Alertmanager's provider/mem): the latest state of each alert by
 * fingerprint, feeding subscribers such as the dispatcher.
 */
export class Alerts {
  readonly #alerts = new Map<string, Alert>();
  readonly #listeners = new Set<AlertListener>();
  readonly #options: AlertsOptions;
  readonly #now: () => number;
  #gcTimer: NodeJS.Timeout | undefined;

  constructor(options: AlertsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Starts the periodic GC; the timer does not keep the process alive. */
  start(): void {
    this.#gcTimer ??= setInterval(() => this.gc(), this.#options.gcInterval).unref();
  }

  /** Stops the GC and drops every subscriber. */
  close(): void {
    clearInterval(this.#gcTimer);
    this.#gcTimer = undefined;
    this.#listeners.clear();
  }

  /**
   * Stores alerts, merging each into the stored one of the same fingerprint when their
   * activity overlaps (a re-sent alert), as Alertmanager's mem provider does.
   */
  put(alerts: readonly Alert[]): PutResult {
    const rejected: Alert[] = [];
    let stored = 0;
    for (const incoming of alerts) {
      const fp = alertFingerprint(incoming);
      const old = this.#alerts.get(fp);
      if (old === undefined && this.#alerts.size >= this.#options.maxAlerts) {
        rejected.push(incoming);
        continue;
      }
      const alert =
        old !== undefined && overlaps(old, incoming)
          ? mergeAlerts(old, incoming, this.#now())
          : incoming;
      this.#alerts.set(fp, alert);
      stored++;
      for (const listener of this.#listeners) listener(alert, fp);
    }
    return { stored, rejected };
  }

  get(fingerprint: string): Alert | undefined {
    return this.#alerts.get(fingerprint);
  }

  list(): Alert[] {
    return [...this.#alerts.values()];
  }

  get size(): number {
    return this.#alerts.size;
  }

  /** Replays every stored alert to the listener, then each one stored later; returns unsubscribe. */
  subscribe(listener: AlertListener): () => void {
    for (const [fp, alert] of this.#alerts) listener(alert, fp);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Drops resolved alerts; returns their fingerprints. */
  gc(): string[] {
    const now = this.#now();
    const deleted: string[] = [];
    for (const [fp, alert] of this.#alerts) {
      if (resolvedAt(alert, now)) {
        this.#alerts.delete(fp);
        deleted.push(fp);
      }
    }
    if (deleted.length > 0) this.#options.onDeleted?.(deleted);
    return deleted;
  }
}

// mem.go merges only when the new alert's start or end falls strictly inside the old one's span.
function overlaps(old: Alert, incoming: Alert): boolean {
  return (
    (incoming.endsAt > old.startsAt && incoming.endsAt < old.endsAt) ||
    (incoming.startsAt > old.startsAt && incoming.startsAt < old.endsAt)
  );
}
