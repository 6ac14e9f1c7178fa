import { type InhibitRule, matchesLabels } from '@promethium/config';
import { type Alert, resolvedAt } from './alert.js';
import type { Alerts } from './alerts.js';
import { type LabelSet, fingerprint } from './fingerprint.js';
import type { Marker } from './marker.js';
import type { Muter } from './stage.js';

// One rule with the alerts currently matching its source side, by fingerprint.
class Rule {
  readonly sources = new Map<string, Alert>();

  constructor(readonly rule: InhibitRule) {}

  observe(alert: Alert, fp: string): void {
    if (matchesLabels(this.rule.sourceMatchers, alert.labels)) this.sources.set(fp, alert);
    else this.sources.delete(fp);
  }

  /**
   * The fingerprint of a firing source alert with the same `equal` labels; when the target
   * also matches the source side, sources that match the target side too are skipped, so an
   * alert never inhibits itself.
   */
  inhibitor(labels: LabelSet, now: number): string | undefined {
    const twoSided = matchesLabels(this.rule.sourceMatchers, labels);
    for (const [fp, source] of this.sources) {
      if (resolvedAt(source, now)) continue;
      if (!this.rule.equal.every((name) => (source.labels[name] ?? '') === (labels[name] ?? '')))
        continue;
      if (twoSided && matchesLabels(this.rule.targetMatchers, source.labels)) continue;
      return fp;
    }
    return undefined;
  }

  gc(now: number): void {
    for (const [fp, alert] of this.sources) if (resolvedAt(alert, now)) this.sources.delete(fp);
  }
}

/** Alertmanager's inhibitor: firing source alerts mute target alerts of the same rule. */
export class Inhibitor implements Muter {
  readonly #rules: Rule[];
  #unsubscribe: (() => void) | undefined;

  constructor(
    rules: readonly InhibitRule[],
    private readonly marker: Marker,
  ) {
    this.#rules = rules.map((r) => new Rule(r));
  }

  /** Follows the alert store: every alert stored is considered as a source. */
  start(alerts: Alerts): void {
    this.#unsubscribe ??= alerts.subscribe((alert, fp) => this.observe(alert, fp));
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  observe(alert: Alert, fp: string): void {
    for (const rule of this.#rules) rule.observe(alert, fp);
  }

  /** Drops resolved source alerts, keeping the caches as small as the firing set. */
  gc(now: number): void {
    for (const rule of this.#rules) rule.gc(now);
  }

  mutes(labels: LabelSet, now: number): boolean {
    const inhibitedBy: string[] = [];
    for (const rule of this.#rules) {
      if (!matchesLabels(rule.rule.targetMatchers, labels)) continue;
      const source = rule.inhibitor(labels, now);
      if (source !== undefined) inhibitedBy.push(source);
    }
    this.marker.setInhibited(fingerprint(labels), inhibitedBy);
    return inhibitedBy.length > 0;
  }
}
