import { goQuote } from '@promethium/model';
import { type LabelSet, fingerprint, sortedNames } from './fingerprint.js';

/**
 * An alert as Alertmanager keeps it. Times are Unix milliseconds; 0 is Go's zero time
 * ("unset").
 */
export interface Alert {
  readonly labels: LabelSet;
  readonly annotations: LabelSet;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly generatorURL: string;
  /** When this alert was last received. */
  readonly updatedAt: number;
  /** Whether endsAt was set by resolve_timeout rather than by the sender. */
  readonly timeout: boolean;
}

/** An alert as a client posts it; absent times are unset. */
export interface PostedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: number;
  endsAt?: number;
  generatorURL?: string;
}

/** The alert's fingerprint (its labels'). */
export function alertFingerprint(alert: Alert): string {
  return fingerprint(alert.labels);
}

/** Whether the alert has ended at `at`: endsAt is set and not after it. */
export function resolvedAt(alert: Alert, at: number): boolean {
  return alert.endsAt !== 0 && alert.endsAt <= at;
}

/**
 * Alertmanager's `Alert.Merge`: the newer-received alert wins, keeping the earliest start; an
 * older end time survives only when explicit (not a timeout) or both alerts are resolved.
 */
export function mergeAlerts(a: Alert, b: Alert, now: number): Alert {
  if (b.updatedAt < a.updatedAt) return mergeAlerts(b, a, now);
  let { startsAt, endsAt } = b;
  if (a.startsAt < b.startsAt) startsAt = a.startsAt;
  if (resolvedAt(b, now)) {
    if (resolvedAt(a, now) && a.endsAt > b.endsAt) endsAt = a.endsAt;
  } else if (a.endsAt > b.endsAt && !a.timeout) {
    endsAt = a.endsAt;
  }
  return { ...b, startsAt, endsAt };
}

/**
 * The API's defaults for a posted alert: received now; startsAt now (or endsAt when only that
 * is given); without endsAt, it ends after `resolveTimeout` unless re-sent (`timeout`).
 */
export function receiveAlert(posted: PostedAlert, now: number, resolveTimeout: number): Alert {
  const endsAt = posted.endsAt ?? 0;
  const startsAt = posted.startsAt || endsAt || now;
  return {
    labels: withoutEmptyValues(posted.labels),
    annotations: { ...posted.annotations },
    startsAt,
    endsAt: endsAt || now + resolveTimeout,
    generatorURL: posted.generatorURL ?? '',
    updatedAt: now,
    timeout: endsAt === 0,
  };
}

// An empty value is the same as an absent label, so the API drops them before validating.
function withoutEmptyValues(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([, value]) => value !== ''));
}

// Go's utf8.ValidString: a lone surrogate is what invalid UTF-8 becomes in a JS string.
function isValidUtf8(s: string): boolean {
  return !/\p{Cs}/u.test(s);
}

function labelSetError(labels: LabelSet): string | undefined {
  for (const [name, value] of Object.entries(labels)) {
    if (name === '' || !isValidUtf8(name)) return `invalid name ${goQuote(name)}`;
    if (!isValidUtf8(value)) return `invalid value ${goQuote(value)}`;
  }
  return undefined;
}

/** Alertmanager's `Alert.Validate` message for an invalid alert, or undefined. */
export function validateAlert(alert: Alert): string | undefined {
  if (alert.startsAt === 0) return 'start time missing';
  if (alert.endsAt !== 0 && alert.endsAt < alert.startsAt) {
    return 'start time must be before end time';
  }
  if (Object.keys(alert.labels).length === 0) return 'at least one label pair required';
  const labelsError = labelSetError(alert.labels);
  if (labelsError !== undefined) return `invalid label set: ${labelsError}`;
  const annotationsError = labelSetError(alert.annotations);
  if (annotationsError !== undefined) return `invalid annotations: ${annotationsError}`;
  return undefined;
}

/** Posted alerts split as the API does: valid ones to store, the others' messages joined. */
export interface ReceivedAlerts {
  valid: Alert[];
  /** Go's errors.Join of the validation errors (one per line); '' when all are valid. */
  error: string;
}

/** The API's handling of a POST: defaults applied, then each alert validated. */
export function receiveAlerts(
  posted: readonly PostedAlert[],
  now: number,
  resolveTimeout: number,
): ReceivedAlerts {
  const valid: Alert[] = [];
  const errors: string[] = [];
  for (const p of posted) {
    const alert = receiveAlert(p, now, resolveTimeout);
    const error = validateAlert(alert);
    if (error === undefined) valid.push(alert);
    else errors.push(error);
  }
  return { valid, error: errors.join('\n') };
}

function compareGo(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// prometheus/common's LabelSet.Before: by sorted names, then values, then size.
function labelsBefore(a: LabelSet, b: LabelSet): number {
  const an = sortedNames(a);
  const bn = sortedNames(b);
  for (let i = 0; i < Math.min(an.length, bn.length); i++) {
    const byName = compareGo(an[i]!, bn[i]!);
    if (byName !== 0) return byName;
    const byValue = compareGo(a[an[i]!]!, b[bn[i]!]!);
    if (byValue !== 0) return byValue;
  }
  return an.length - bn.length;
}

/** Alertmanager's notification order: by job, then instance (present first), then labels. */
export function compareAlerts(a: Alert, b: Alert): number {
  for (const key of ['job', 'instance']) {
    const av = a.labels[key];
    const bv = b.labels[key];
    if (av === undefined && bv === undefined) continue;
    if (av === undefined) return 1;
    if (bv === undefined) return -1;
    if (av !== bv) return compareGo(av, bv);
  }
  return labelsBefore(a.labels, b.labels);
}
