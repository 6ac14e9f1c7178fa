import { describe, expect, it } from '@jest/globals';
import type { Alert } from './alert.js';
import { Alerts } from './alerts.js';
import { fingerprint } from './fingerprint.js';

const T = 1_700_000_000_000;

function alert(over: Partial<Alert>): Alert {
  return {
    labels: { alertname: 'A' },
    annotations: {},
    startsAt: T,
    endsAt: T + 60_000,
    generatorURL: '',
    updatedAt: T,
    timeout: true,
    ...over,
  };
}

function store(now = T, maxAlerts = 100, onDeleted?: (fps: string[]) => void): Alerts {
  return new Alerts({ gcInterval: 20, maxAlerts, now: () => now, onDeleted });
}

describe('Alerts', () => {
  it('puts and gets alerts by fingerprint', () => {
    const alerts = store();
    const a = alert({});
    expect(alerts.put([a])).toEqual({ stored: 1, rejected: [] });
    expect(alerts.get(fingerprint(a.labels))).toBe(a);
    expect(alerts.list()).toEqual([a]);
  });

  it('merges a re-sent alert that overlaps the stored one', () => {
    const alerts = store();
    alerts.put([alert({ startsAt: T })]);
    alerts.put([alert({ startsAt: T + 30_000, endsAt: T + 90_000, updatedAt: T + 30_000 })]);
    expect(alerts.list()).toEqual([
      alert({ startsAt: T, endsAt: T + 90_000, updatedAt: T + 30_000 }),
    ]);
  });

  it('replaces an alert that does not overlap (it fired again)', () => {
    const alerts = store(T + 200_000);
    alerts.put([alert({ endsAt: T + 1000, timeout: false })]);
    const again = alert({ startsAt: T + 100_000, endsAt: T + 400_000, updatedAt: T + 100_000 });
    alerts.put([again]);
    expect(alerts.list()).toEqual([again]);
  });

  it('rejects new fingerprints beyond its bound but updates known ones', () => {
    const alerts = store(T, 1);
    alerts.put([alert({})]);
    const other = alert({ labels: { alertname: 'B' } });
    expect(alerts.put([other, alert({ updatedAt: T + 1 })])).toEqual({
      stored: 1,
      rejected: [other],
    });
    expect(alerts.size).toBe(1);
  });

  it('replays stored alerts to a subscriber, then sends new ones until unsubscribed', () => {
    const alerts = store();
    alerts.put([alert({})]);
    const seen: string[] = [];
    const unsubscribe = alerts.subscribe((a) => seen.push(a.labels.alertname!));
    alerts.put([alert({ labels: { alertname: 'B' } })]);
    unsubscribe();
    alerts.put([alert({ labels: { alertname: 'C' } })]);
    expect(seen).toEqual(['A', 'B']);
  });

  it('drops resolved alerts on GC and reports them', () => {
    const deleted: string[][] = [];
    const alerts = store(T + 10_000, 100, (fps) => deleted.push(fps));
    const resolved = alert({ labels: { alertname: 'R' }, endsAt: T + 5000 });
    alerts.put([alert({}), resolved]);
    expect(alerts.gc()).toEqual([fingerprint(resolved.labels)]);
    expect(deleted).toEqual([[fingerprint(resolved.labels)]]);
    expect(alerts.list().map((a) => a.labels.alertname)).toEqual(['A']);
  });

  it('runs the GC on its timer once started', async () => {
    const alerts = store(T + 10_000);
    alerts.put([alert({ endsAt: T + 5000 })]);
    alerts.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    alerts.close();
    expect(alerts.size).toBe(0);
  });
});
