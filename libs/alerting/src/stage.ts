import type { Alert } from './alert.js';
import type { LabelSet } from './fingerprint.js';
import type { NotificationContext } from './notification.js';

/** A step of the notification pipeline: passes on the alerts still to notify. */
export interface Stage {
  exec(ctx: NotificationContext, alerts: readonly Alert[]): Promise<readonly Alert[]>;
}

/** Runs stages in order; stops as soon as one leaves no alerts. */
export async function runStages(
  stages: readonly Stage[],
  ctx: NotificationContext,
  alerts: readonly Alert[],
): Promise<readonly Alert[]> {
  let remaining = alerts;
  for (const stage of stages) {
    if (remaining.length === 0) break;
    remaining = await stage.exec(ctx, remaining);
  }
  return remaining;
}

/** Something that suppresses alerts by their labels (inhibitor, silencer). */
export interface Muter {
  mutes(labels: LabelSet, now: number): boolean;
}

/** Drops the alerts a muter suppresses. */
export class MuteStage implements Stage {
  constructor(private readonly muter: Muter) {}

  async exec(ctx: NotificationContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    return alerts.filter((a) => !this.muter.mutes(a.labels, ctx.now));
  }
}
