import type { Alert } from './alert.js';
import type { NotificationContext } from './notification.js';

/** An integration of a receiver (one webhook_configs entry, one email_configs entry, ...). */
export interface Notifier {
  /** The integration's name, e.g. `webhook`: the metrics' `integration` label. */
  readonly integration: string;
  /** Its index among the receiver's integrations of that name. */
  readonly index: number;
  readonly sendResolved: boolean;
  /** Resolves once delivered; throws when not (see NotifyError). */
  notify(ctx: NotificationContext, alerts: readonly Alert[]): Promise<void>;
}

/** A failed delivery; `retry: false` for errors that retrying cannot fix (e.g. HTTP 4xx). */
export class NotifyError extends Error {
  override readonly name = 'NotifyError';

  constructor(
    message: string,
    readonly retry: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Counters the service exposes as alertmanager_notifications(_failed)_total{integration}. */
export interface NotificationMetrics {
  /** Once per notification (with its retries). */
  notification(integration: string): void;
  /** Once per notification that failed for good. */
  notificationFailed(integration: string): void;
  /** Once per attempt, and per failed attempt. */
  request?(integration: string): void;
  requestFailed?(integration: string): void;
}
