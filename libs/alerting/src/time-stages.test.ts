import { describe, expect, it } from '@jest/globals';
import { testAlert, testContext } from './test-alerts.js';
import { TimeActiveStage, TimeMuteStage } from './time-stages.js';

// 2023-11-14 is a Tuesday; 22:13 UTC.
const T = Date.UTC(2023, 10, 14, 22, 13);
const intervals = {
  tuesdays: [{ weekdays: [{ begin: 2, end: 2 }] }],
  mornings: [{ times: [{ startMinute: 6 * 60, endMinute: 12 * 60 }] }],
};
const alerts = [testAlert({ alertname: 'A' }, T)];

describe('time interval stages', () => {
  it('mutes inside a mute interval only', async () => {
    const stage = new TimeMuteStage(intervals);
    expect(await stage.exec(testContext(T, { muteTimeIntervals: ['tuesdays'] }), alerts)).toEqual(
      [],
    );
    expect(await stage.exec(testContext(T, { muteTimeIntervals: ['mornings'] }), alerts)).toBe(
      alerts,
    );
    expect(await stage.exec(testContext(T), alerts)).toBe(alerts);
  });

  it('mutes outside all active intervals, and never without any', async () => {
    const stage = new TimeActiveStage(intervals);
    expect(await stage.exec(testContext(T, { activeTimeIntervals: ['mornings'] }), alerts)).toEqual(
      [],
    );
    expect(
      await stage.exec(testContext(T, { activeTimeIntervals: ['mornings', 'tuesdays'] }), alerts),
    ).toBe(alerts);
    expect(await stage.exec(testContext(T), alerts)).toBe(alerts);
  });
});
