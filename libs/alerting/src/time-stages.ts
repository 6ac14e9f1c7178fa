import { type TimeInterval, inTimeInterval } from '@promethium/config';
import type { Alert } from './alert.js';
import type { NotificationContext } from './notification.js';
import type { Stage } from './stage.js';

function inAny(
  names: readonly string[],
  intervals: Readonly<Record<string, TimeInterval[]>>,
  now: number,
): boolean {
  const date = new Date(now);
  return names.some((name) => (intervals[name] ?? []).some((i) => inTimeInterval(i, date)));
}

/** Holds back a route's notifications while inside one of its mute_time_intervals. */
export class TimeMuteStage implements Stage {
  constructor(private readonly intervals: Readonly<Record<string, TimeInterval[]>>) {}

  async exec(ctx: NotificationContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    return inAny(ctx.muteTimeIntervals, this.intervals, ctx.now) ? [] : alerts;
  }
}

/** Holds back a route's notifications while outside all of its active_time_intervals. */
export class TimeActiveStage implements Stage {
  constructor(private readonly intervals: Readonly<Record<string, TimeInterval[]>>) {}

  async exec(ctx: NotificationContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    if (ctx.activeTimeIntervals.length === 0) return alerts;
    return inAny(ctx.activeTimeIntervals, this.intervals, ctx.now) ? alerts : [];
  }
}
