import { describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/config';
import type { Alert } from './alert.js';
import { Marker } from './marker.js';
import { NotificationLog } from './nflog.js';
import type { NotificationMetrics, Notifier } from './notifier.js';
import { Pipeline } from './pipeline.js';
import { Silencer } from './silencer.js';
import { Silences } from './silences.js';
import type { Muter } from './stage.js';
import { testAlert, testContext } from './test-alerts.js';

const T = Date.UTC(2023, 10, 14, 22, 13);

class RecordingNotifier implements Notifier {
  readonly calls: string[][] = [];
  fail = false;
  constructor(
    readonly integration: string,
    readonly index: number,
    readonly sendResolved: boolean,
  ) {}
  async notify(_ctx: unknown, alerts: readonly Alert[]): Promise<void> {
    this.calls.push(alerts.map((a) => a.labels.alertname!));
    if (this.fail) throw new Error('down');
  }
}

function setup() {
  const clock = { now: T };
  const webhook = new RecordingNotifier('webhook', 0, true);
  const email = new RecordingNotifier('email', 0, false);
  const silences = new Silences({ retention: 1000, now: () => clock.now });
  const counts: string[] = [];
  const metrics: NotificationMetrics = {
    notification: (i) => counts.push(i),
    notificationFailed: (i) => counts.push(`failed ${i}`),
  };
  const noInhibition: Muter = { mutes: () => false };
  const pipeline = new Pipeline({
    receivers: new Map([['team', [webhook, email]]]),
    inhibitor: noInhibition,
    silencer: new Silencer(silences, new Marker()),
    timeIntervals: { always: [{}] },
    nflog: new NotificationLog({ retention: 3_600_000, now: () => clock.now }),
    metrics,
    backoff: { initial: 5, multiplier: 1, max: 5, jitter: 0 },
  });
  return { clock, webhook, email, silences, pipeline, counts };
}

describe('Pipeline', () => {
  it('notifies every integration once and dedups until something changes', async () => {
    const { pipeline, webhook, email, clock } = setup();
    const a = testAlert({ alertname: 'A' }, T);
    const b = testAlert({ alertname: 'B' }, T);
    await pipeline.run(testContext(T), [a]);
    await pipeline.run(testContext(T + 1), [a]);
    expect(webhook.calls).toEqual([['A']]);
    await pipeline.run(testContext(T + 2), [a, b]);
    expect(webhook.calls).toEqual([['A'], ['A', 'B']]);
    clock.now = T + 10;
    const resolvedB = { ...b, endsAt: T + 5 };
    await pipeline.run(testContext(T + 10), [a, resolvedB]);
    expect(webhook.calls).toHaveLength(3);
    expect(email.calls).toEqual([['A'], ['A', 'B']]);
  });

  it('drops silenced alerts and stops when none remain, or when muted by time', async () => {
    const { pipeline, webhook, silences } = setup();
    silences.set({
      matchers: [new Matcher('=', 'alertname', 'A')],
      endsAt: T + 100,
      createdBy: 'me',
      comment: '',
    });
    await pipeline.run(testContext(T), [
      testAlert({ alertname: 'A' }, T),
      testAlert({ alertname: 'B' }, T),
    ]);
    expect(webhook.calls).toEqual([['B']]);
    await pipeline.run(testContext(T, { groupKey: 'other' }), [testAlert({ alertname: 'A' }, T)]);
    await pipeline.run(testContext(T, { groupKey: 'muted', muteTimeIntervals: ['always'] }), [
      testAlert({ alertname: 'C' }, T),
    ]);
    expect(webhook.calls).toEqual([['B']]);
  });

  it('rejects when an integration fails, counting it, and notifies again next time', async () => {
    const { pipeline, webhook, email, counts } = setup();
    webhook.fail = true;
    const ctx = testContext(T, { signal: AbortSignal.timeout(30) });
    await expect(pipeline.run(ctx, [testAlert({ alertname: 'A' }, T)])).rejects.toThrow(
      'team: 1 of 2 integrations failed',
    );
    expect(counts).toEqual(expect.arrayContaining(['webhook', 'email', 'failed webhook']));
    webhook.fail = false;
    await pipeline.run(testContext(T + 1), [testAlert({ alertname: 'A' }, T)]);
    expect(webhook.calls.at(-1)).toEqual(['A']);
    expect(email.calls).toEqual([['A']]);
  });
});
