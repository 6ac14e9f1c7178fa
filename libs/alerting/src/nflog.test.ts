import { describe, expect, it } from '@jest/globals';
import { NotificationLog } from './nflog.js';

const T = 1_700_000_000_000;
const receiver = { receiver: 'team', integration: 'webhook', index: 0 };

describe('NotificationLog', () => {
  it('logs and queries per group and integration, and expires entries', () => {
    const clock = { now: T };
    const logged: string[] = [];
    const log = new NotificationLog({
      retention: 1000,
      now: () => clock.now,
      onChange: (e) => logged.push(e.groupKey),
    });
    log.log('g', receiver, ['a'], ['b']);
    expect(log.query('g', receiver)).toEqual({
      groupKey: 'g',
      receiver,
      firingAlerts: ['a'],
      resolvedAlerts: ['b'],
      timestamp: T,
      expiresAt: T + 1000,
    });
    expect(log.query('g', { ...receiver, index: 1 })).toBeUndefined();
    expect(logged).toEqual(['g']);
    clock.now = T + 1000;
    expect(log.gc()).toBe(1);
    expect(log.query('g', receiver)).toBeUndefined();
  });

  it('round-trips a snapshot and merges the newest entry from peers', () => {
    const log = new NotificationLog({ retention: 1000, now: () => T });
    log.log('g', receiver, ['a'], []);
    const copy = new NotificationLog({ retention: 1000, now: () => T });
    copy.restore(JSON.parse(JSON.stringify(log.snapshot())));
    expect(copy.snapshot()).toEqual(log.snapshot());
    const [entry] = log.snapshot();
    expect(copy.merge({ ...entry!, firingAlerts: ['old'], timestamp: T - 1 })).toBe(false);
    expect(copy.merge({ ...entry!, firingAlerts: ['new'], timestamp: T + 1 })).toBe(true);
    expect(copy.query('g', receiver)!.firingAlerts).toEqual(['new']);
    expect(copy.merge({ ...entry!, groupKey: 'x', timestamp: T + 1, expiresAt: T })).toBe(false);
  });
});
