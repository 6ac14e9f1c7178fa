import { describe, expect, it } from '@jest/globals';
import type { Alert } from './alert.js';
import { NotifyError, type NotificationMetrics, type Notifier } from './notifier.js';
import { notifyWithRetry } from './retry.js';
import { testAlert, testContext } from './test-alerts.js';

const FAST = { initial: 10, multiplier: 2, max: 40, jitter: 0 };

class FlakyNotifier implements Notifier {
  readonly integration = 'webhook';
  readonly index = 0;
  readonly calls: (readonly Alert[])[] = [];
  constructor(
    readonly sendResolved: boolean,
    private readonly failures: (Error | undefined)[],
  ) {}
  async notify(_ctx: unknown, alerts: readonly Alert[]): Promise<void> {
    this.calls.push(alerts);
    const error = this.failures.shift();
    if (error !== undefined) throw error;
  }
}

function counters() {
  const counts: Record<string, number> = {};
  const inc = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
  const metrics: NotificationMetrics = {
    notification: (i) => inc(`total ${i}`),
    notificationFailed: (i) => inc(`failed ${i}`),
    request: (i) => inc(`requests ${i}`),
    requestFailed: (i) => inc(`requests failed ${i}`),
  };
  return { counts, metrics };
}

const now = Date.now();
const firing = testAlert({ alertname: 'A' }, now);
const resolved = testAlert({ alertname: 'B' }, now - 10, now - 1);

describe('notifyWithRetry', () => {
  it('retries transient errors with backoff until delivered', async () => {
    const notifier = new FlakyNotifier(true, [new Error('503'), new Error('503')]);
    const { counts, metrics } = counters();
    await notifyWithRetry(notifier, testContext(now), [firing, resolved], 1, metrics, FAST);
    expect(notifier.calls).toHaveLength(3);
    expect(counts).toEqual({
      'total webhook': 1,
      'requests webhook': 3,
      'requests failed webhook': 2,
    });
  });

  it('gives up at once on an unrecoverable error', async () => {
    const notifier = new FlakyNotifier(true, [new NotifyError('400 bad request', false)]);
    const { counts, metrics } = counters();
    await expect(
      notifyWithRetry(notifier, testContext(now), [firing], 1, metrics, FAST),
    ).rejects.toThrow(
      'team/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: 400 bad request',
    );
    expect(counts['failed webhook']).toBe(1);
  });

  it('stops retrying at the flush deadline', async () => {
    const notifier = new FlakyNotifier(
      true,
      Array.from({ length: 100 }, () => new Error('down')),
    );
    const { counts, metrics } = counters();
    const ctx = testContext(now, { signal: AbortSignal.timeout(60) });
    await expect(notifyWithRetry(notifier, ctx, [firing], 1, metrics, FAST)).rejects.toThrow(
      /notify retry canceled after \d attempts/,
    );
    expect(notifier.calls.length).toBeGreaterThan(1);
    expect(notifier.calls.length).toBeLessThan(6);
    expect(counts['failed webhook']).toBe(1);
  });

  it('without send_resolved sends only firing alerts, and nothing when none fire', async () => {
    const notifier = new FlakyNotifier(false, []);
    const { counts, metrics } = counters();
    await notifyWithRetry(notifier, testContext(now), [firing, resolved], 1, metrics, FAST);
    await notifyWithRetry(notifier, testContext(now), [resolved], 0, metrics, FAST);
    expect(notifier.calls).toEqual([[firing]]);
    expect(counts['total webhook']).toBe(1);
  });
});
