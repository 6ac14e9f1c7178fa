import { describe, expect, it } from '@jest/globals';
import {
  type Alert,
  compareAlerts,
  mergeAlerts,
  receiveAlert,
  receiveAlerts,
  resolvedAt,
  validateAlert,
} from './alert.js';

const T = 1_700_000_000_000;

function alert(over: Partial<Alert>): Alert {
  return {
    labels: { alertname: 'A' },
    annotations: {},
    startsAt: T,
    endsAt: 0,
    generatorURL: '',
    updatedAt: T,
    timeout: false,
    ...over,
  };
}

describe('resolvedAt', () => {
  it('is false without an end and true from the end on', () => {
    expect(resolvedAt(alert({}), T + 1e9)).toBe(false);
    expect(resolvedAt(alert({ endsAt: T + 10 }), T + 9)).toBe(false);
    expect(resolvedAt(alert({ endsAt: T + 10 }), T + 10)).toBe(true);
  });
});

describe('mergeAlerts', () => {
  const now = T + 1000;

  it('keeps the newer alert and the earliest start, whichever order', () => {
    const older = alert({ startsAt: T - 50, endsAt: T + 5000, updatedAt: T, timeout: true });
    const newer = alert({
      startsAt: T,
      endsAt: T + 9000,
      updatedAt: T + 10,
      annotations: { a: 'x' },
    });
    for (const merged of [mergeAlerts(older, newer, now), mergeAlerts(newer, older, now)]) {
      expect(merged).toEqual({ ...newer, startsAt: T - 50 });
    }
  });

  it('keeps a later explicit end of the older alert', () => {
    const older = alert({ endsAt: T + 9000, updatedAt: T });
    const newer = alert({ endsAt: T + 5000, updatedAt: T + 10, timeout: true });
    expect(mergeAlerts(older, newer, now).endsAt).toBe(T + 9000);
  });

  it('lets a newer timeout end replace an older timeout end', () => {
    const older = alert({ endsAt: T + 9000, updatedAt: T, timeout: true });
    const newer = alert({ endsAt: T + 5000, updatedAt: T + 10, timeout: true });
    expect(mergeAlerts(older, newer, now).endsAt).toBe(T + 5000);
  });

  it('keeps the latest end when both are resolved', () => {
    const older = alert({ endsAt: T + 900, updatedAt: T });
    const newer = alert({ endsAt: T + 500, updatedAt: T + 10 });
    expect(mergeAlerts(older, newer, now).endsAt).toBe(T + 900);
  });

  it('resolves a firing alert when the newer one is resolved', () => {
    const older = alert({ endsAt: T + 9000, updatedAt: T });
    const newer = alert({ endsAt: T + 500, updatedAt: T + 10 });
    expect(mergeAlerts(older, newer, now).endsAt).toBe(T + 500);
  });
});

describe('receiveAlert', () => {
  it('fills startsAt and a timeout end', () => {
    const a = receiveAlert({ labels: { alertname: 'A', empty: '' } }, T, 300_000);
    expect(a).toEqual({
      labels: { alertname: 'A' },
      annotations: {},
      startsAt: T,
      endsAt: T + 300_000,
      generatorURL: '',
      updatedAt: T,
      timeout: true,
    });
  });

  it('starts an alert given only its end at that end', () => {
    const a = receiveAlert({ labels: { a: 'b' }, endsAt: T - 5 }, T, 300_000);
    expect(a).toMatchObject({ startsAt: T - 5, endsAt: T - 5, timeout: false });
  });
});

describe('validateAlert', () => {
  it.each([
    [{ startsAt: 0 }, 'start time missing'],
    [{ endsAt: T - 1 }, 'start time must be before end time'],
    [{ labels: {} }, 'at least one label pair required'],
    [{ labels: { '': 'x' } }, 'invalid label set: invalid name ""'],
    [{ labels: { a: 'bad\ud800' } }, 'invalid label set: invalid value "bad\\ud800"'],
    [{ annotations: { '': 'x' } }, 'invalid annotations: invalid name ""'],
  ] as [Partial<Alert>, string][])('rejects %j', (over, message) => {
    expect(validateAlert(alert(over))).toBe(message);
  });

  it('accepts UTF-8 label names', () => {
    expect(validateAlert(alert({ labels: { 'service.name': 'x' } }))).toBeUndefined();
  });
});

describe('receiveAlerts', () => {
  it('keeps the valid alerts and joins the errors', () => {
    const { valid, error } = receiveAlerts(
      [{ labels: {} }, { labels: { a: 'b' } }, { labels: { x: '1' }, startsAt: T, endsAt: T - 1 }],
      T,
      1000,
    );
    expect(valid.map((a) => a.labels)).toEqual([{ a: 'b' }]);
    expect(error).toBe('at least one label pair required\nstart time must be before end time');
  });
});

describe('compareAlerts', () => {
  it('orders by job, then instance, then labels', () => {
    const alerts = [
      alert({ labels: { a: '2' } }),
      alert({ labels: { job: 'b' } }),
      alert({ labels: { a: '1' } }),
      alert({ labels: { job: 'a', instance: 'y' } }),
      alert({ labels: { job: 'a', instance: 'x' } }),
    ];
    expect(alerts.sort(compareAlerts).map((a) => a.labels)).toEqual([
      { job: 'a', instance: 'x' },
      { job: 'a', instance: 'y' },
      { job: 'b' },
      { a: '1' },
      { a: '2' },
    ]);
  });
});
