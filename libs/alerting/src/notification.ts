import type { Alert } from './alert.js';
import type { LabelSet } from './fingerprint.js';

/** What a flush of one aggregation group tells the notification pipeline. */
export interface NotificationContext {
  /** `<route key>:<group labels>`, e.g. `{}/{env="prod"}:{alertname="A"}`. */
  readonly groupKey: string;
  readonly routeId: string;
  readonly receiver: string;
  readonly groupLabels: LabelSet;
  /** Milliseconds. */
  readonly repeatInterval: number;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  /** When the flush started: the one time reference for the whole pipeline. */
  readonly now: number;
  /** Aborted at the flush's deadline (the group's next flush). */
  readonly signal: AbortSignal;
}

/** Sends a group's alerts; rejects when a notification could not be delivered. */
export interface NotificationPipeline {
  run(ctx: NotificationContext, alerts: readonly Alert[]): Promise<void>;
}
