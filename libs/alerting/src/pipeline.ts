import type { TimeInterval } from '@promethium/config';
import { type Alert, alertFingerprint, resolvedAt } from './alert.js';
import { needsUpdate } from './dedup.js';
import type { NflogReceiver, NotificationLog } from './nflog.js';
import type { NotificationContext, NotificationPipeline } from './notification.js';
import type { NotificationMetrics, Notifier } from './notifier.js';
import { type Backoff, DEFAULT_BACKOFF, notifyWithRetry } from './retry.js';
import { type Muter, MuteStage, type Stage, runStages } from './stage.js';
import { TimeActiveStage, TimeMuteStage } from './time-stages.js';

export interface PipelineOptions {
  /** Each receiver's integrations, by receiver name. */
  receivers: ReadonlyMap<string, readonly Notifier[]>;
  inhibitor: Muter;
  silencer: Muter;
  timeIntervals: Readonly<Record<string, TimeInterval[]>>;
  nflog: NotificationLog;
  metrics: NotificationMetrics;
  backoff?: Backoff;
}

/**
 * Alertmanager's notification pipeline: inhibition, active and mute time intervals and
 * silences, then for each integration of the receiver in parallel: dedup against the
 * notification log, send with retries, log.
 */
export class Pipeline implements NotificationPipeline {
  readonly #stages: Stage[];

  constructor(private readonly options: PipelineOptions) {
    this.#stages = [
      new MuteStage(options.inhibitor),
      new TimeActiveStage(options.timeIntervals),
      new TimeMuteStage(options.timeIntervals),
      new MuteStage(options.silencer),
    ];
  }

  async run(ctx: NotificationContext, alerts: readonly Alert[]): Promise<void> {
    const remaining = await runStages(this.#stages, ctx, alerts);
    if (remaining.length === 0) return;
    const notifiers = this.options.receivers.get(ctx.receiver) ?? [];
    const results = await Promise.allSettled(
      notifiers.map((n) => this.#integration(n, ctx, remaining)),
    );
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (errors.length > 0)
      throw new AggregateError(
        errors,
        `${ctx.receiver}: ${errors.length} of ${notifiers.length} integrations failed`,
      );
  }

  async #integration(
    notifier: Notifier,
    ctx: NotificationContext,
    alerts: readonly Alert[],
  ): Promise<void> {
    const firing = new Set<string>();
    const resolved = new Set<string>();
    for (const alert of alerts)
      (resolvedAt(alert, ctx.now) ? resolved : firing).add(alertFingerprint(alert));
    const receiver: NflogReceiver = {
      receiver: ctx.receiver,
      integration: notifier.integration,
      index: notifier.index,
    };
    const { nflog, metrics, backoff } = this.options;
    const entry = nflog.query(ctx.groupKey, receiver);
    if (!needsUpdate(entry, firing, resolved, notifier.sendResolved, ctx.repeatInterval, ctx.now))
      return;
    await notifyWithRetry(notifier, ctx, alerts, firing.size, metrics, backoff ?? DEFAULT_BACKOFF);
    nflog.log(ctx.groupKey, receiver, [...firing], [...resolved]);
  }
}
