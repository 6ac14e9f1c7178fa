import type { NflogEntry } from './nflog.js';

function subset(small: ReadonlySet<string>, big: readonly string[]): boolean {
  const set = new Set(big);
  for (const item of small) if (!set.has(item)) return false;
  return true;
}

/**
 * Alertmanager's DedupStage.needsUpdate: whether a group's alerts must be sent to an
 * integration given its last notification. Firing and resolved are alert fingerprints.
 */
export function needsUpdate(
  entry: NflogEntry | undefined,
  firing: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
  sendResolved: boolean,
  repeatInterval: number,
  now: number,
): boolean {
  // Never notified: only firing alerts are worth a first notification.
  if (entry === undefined) return firing.size > 0;
  if (!subset(firing, entry.firingAlerts)) return true;
  // All resolved: notify (whatever send_resolved says) only if the last notification had
  // firing alerts, so the log forgets them; otherwise the receiver never heard of these.
  if (firing.size === 0) return entry.firingAlerts.length > 0;
  if (sendResolved && !subset(resolved, entry.resolvedAlerts)) return true;
  return entry.timestamp < now - repeatInterval;
}
