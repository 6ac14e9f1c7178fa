import type { Alert } from './alert.js';
import type { NotificationContext } from './notification.js';

/** A firing alert (ends an hour after `at`) for tests. */
export function testAlert(
  labels: Record<string, string>,
  at: number,
  endsAt = at + 3_600_000,
): Alert {
  return {
    labels,
    annotations: {},
    startsAt: at,
    endsAt,
    generatorURL: '',
    updatedAt: at,
    timeout: false,
  };
}

/** A flush context for tests. */
export function testContext(
  now: number,
  over: Partial<NotificationContext> = {},
): NotificationContext {
  return {
    groupKey: '{}:{alertname="A"}',
    routeId: '{}',
    receiver: 'team',
    groupLabels: { alertname: 'A' },
    repeatInterval: 3_600_000,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
    now,
    signal: new AbortController().signal,
    ...over,
  };
}
