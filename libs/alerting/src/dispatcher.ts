import type { Alert } from './alert.js';
import { AggregationGroup } from './aggregation-group.js';
import type { Alerts } from './alerts.js';
import { fingerprint } from './fingerprint.js';
import type { NotificationPipeline } from './notification.js';
import type { Route } from './route.js';

// Alertmanager gives a flush at least this long before cancelling it.
const MIN_FLUSH_TIMEOUT = 10_000;

export interface DispatcherOptions {
  route: Route;
  alerts: Alerts;
  pipeline: NotificationPipeline;
  now?: () => number;
  /** Default: the group interval, at least 10s, as Alertmanager. */
  flushTimeout?: (groupInterval: number) => number;
  /** Most aggregation groups; alerts that would open more are not dispatched. */
  maxGroups?: number;
  onError?: (error: unknown, groupKey: string) => void;
}

/**
 * Sorts alerts from the store into aggregation groups of each route they match and lets each
 * group flush on its own schedule.
 */
export class Dispatcher {
  // Route id, then group labels' fingerprint.
  readonly #groups = new Map<string, Map<string, AggregationGroup>>();
  readonly #options: DispatcherOptions;
  #unsubscribe: (() => void) | undefined;
  #groupCount = 0;

  constructor(options: DispatcherOptions) {
    this.#options = options;
  }

  /** Subscribes to the store: stored alerts are dispatched at once, later ones as they come. */
  start(): void {
    this.#unsubscribe ??= this.#options.alerts.subscribe((alert, fp) => this.#dispatch(alert, fp));
  }

  /** Unsubscribes and stops every group, aborting running flushes. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const byLabels of this.#groups.values()) {
      for (const group of byLabels.values()) group.stop();
    }
    this.#groups.clear();
    this.#groupCount = 0;
  }

  /** Every aggregation group, e.g. for the API's /alerts/groups. */
  groups(): AggregationGroup[] {
    return [...this.#groups.values()].flatMap((byLabels) => [...byLabels.values()]);
  }

  #dispatch(alert: Alert, fp: string): void {
    for (const route of this.#options.route.match(alert.labels)) {
      this.#group(route, alert)?.insert(fp, alert);
    }
  }

  #group(route: Route, alert: Alert): AggregationGroup | undefined {
    const labels = route.groupLabels(alert.labels);
    const labelsFp = fingerprint(labels);
    let byLabels = this.#groups.get(route.id());
    const existing = byLabels?.get(labelsFp);
    if (existing !== undefined) return existing;
    if (this.#groupCount >= (this.#options.maxGroups ?? Infinity)) return undefined;
    if (byLabels === undefined) {
      byLabels = new Map();
      this.#groups.set(route.id(), byLabels);
    }
    const group = new AggregationGroup({
      route,
      labels,
      pipeline: this.#options.pipeline,
      now: this.#options.now ?? Date.now,
      flushTimeout: this.#options.flushTimeout ?? ((gi) => Math.max(gi, MIN_FLUSH_TIMEOUT)),
      onEmpty: (g) => this.#remove(route.id(), labelsFp, g),
      onError: this.#options.onError ?? (() => {}),
    });
    byLabels.set(labelsFp, group);
    this.#groupCount++;
    return group;
  }

  #remove(routeId: string, labelsFp: string, group: AggregationGroup): void {
    const byLabels = this.#groups.get(routeId);
    if (byLabels?.get(labelsFp) !== group) return;
    byLabels.delete(labelsFp);
    this.#groupCount--;
    if (byLabels.size === 0) this.#groups.delete(routeId);
  }
}
