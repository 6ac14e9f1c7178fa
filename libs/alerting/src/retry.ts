import type { Alert } from './alert.js';
import type { NotificationContext } from './notification.js';
import { NotifyError, type NotificationMetrics, type Notifier } from './notifier.js';

/** Exponential backoff between attempts, as Alertmanager's (cenkalti/backoff defaults). */
export interface Backoff {
  initial: number;
  multiplier: number;
  max: number;
  /** Each delay is randomised by ± this fraction. */
  jitter: number;
}

export const DEFAULT_BACKOFF: Backoff = { initial: 500, multiplier: 1.5, max: 60_000, jitter: 0.5 };

function delays(b: Backoff): () => number {
  let next = b.initial;
  return () => {
    const delay = next * (1 + b.jitter * (2 * Math.random() - 1));
    next = Math.min(next * b.multiplier, b.max);
    return delay;
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Sends to one integration, retrying with backoff until it succeeds, fails for good, or the
 * flush's deadline (ctx.signal) passes; counts the outcome. Without send_resolved only the
 * firing alerts are sent, and nothing when none fire.
 */
export async function notifyWithRetry(
  notifier: Notifier,
  ctx: NotificationContext,
  alerts: readonly Alert[],
  firingCount: number,
  metrics: NotificationMetrics,
  backoff: Backoff = DEFAULT_BACKOFF,
): Promise<void> {
  if (!notifier.sendResolved && firingCount === 0) return;
  const sent = notifier.sendResolved
    ? alerts
    : alerts.filter((a) => a.endsAt === 0 || a.endsAt > ctx.now);
  metrics.notification(notifier.integration);
  try {
    await attempt(notifier, ctx, sent, metrics, delays(backoff));
  } catch (error) {
    metrics.notificationFailed(notifier.integration);
    throw error;
  }
}

async function attempt(
  notifier: Notifier,
  ctx: NotificationContext,
  alerts: readonly Alert[],
  metrics: NotificationMetrics,
  nextDelay: () => number,
): Promise<void> {
  const label = `${ctx.receiver}/${notifier.integration}[${notifier.index}]`;
  for (let iteration = 1; ; iteration++) {
    if (ctx.signal.aborted)
      throw new Error(`${label}: notify retry canceled after ${iteration - 1} attempts`);
    metrics.request?.(notifier.integration);
    try {
      await notifier.notify(ctx, alerts);
      return;
    } catch (error) {
      metrics.requestFailed?.(notifier.integration);
      if (error instanceof NotifyError && !error.retry) {
        throw new Error(
          `${label}: notify retry canceled due to unrecoverable error after ${iteration} attempts: ${error.message}`,
          { cause: error },
        );
      }
      if (ctx.signal.aborted) {
        throw new Error(
          `${label}: notify retry canceled after ${iteration} attempts: ${String(error)}`,
          {
            cause: error,
          },
        );
      }
      await sleep(nextDelay(), ctx.signal);
    }
  }
}
