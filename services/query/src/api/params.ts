import { goQuote, parseDuration } from '@promethium/model';
import type { Request } from 'express';

/** Reads one request parameter as Go's FormValue does: form body first, then the query string. */
export type FormValue = (name: string) => string;

/** The parameters of a GET or POST (application/x-www-form-urlencoded) request. */
export function formValues(req: Request): FormValue {
  const body: unknown = req.body;
  const sources = [typeof body === 'object' && body !== null ? body : {}, req.query] as Record<
    string,
    unknown
  >[];
  return (name) => {
    for (const source of sources) {
      const value = source[name];
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') return first;
    }
    return '';
  };
}

/** Raised for an unparsable time or duration; the message is Prometheus's. */
export class ParamError extends Error {
  override readonly name = 'ParamError';
  readonly code = 'invalid_param';
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * A Prometheus API timestamp in milliseconds: Unix seconds with a fraction (rounded
 * to the millisecond) or RFC 3339 with optional fraction and zone (truncated to the
 * millisecond, as Go's time does).
 */
export function parseTime(text: string): number {
  const ms = DECIMAL.test(text) ? unixSecondsToMs(Number(text)) : rfc3339ToMs(text);
  if (ms === undefined || !Number.isSafeInteger(ms)) {
    throw new ParamError(`cannot parse ${goQuote(text)} to a valid timestamp`);
  }
  return ms;
}

function unixSecondsToMs(seconds: number): number | undefined {
  if (!Number.isFinite(seconds)) return undefined;
  // As Go: split off the fraction, round it to milliseconds, build the time, truncate.
  const whole = Math.trunc(seconds);
  const fraction = seconds - whole;
  const nanos = Math.trunc((roundHalfAwayFromZero(fraction * 1000) / 1000) * 1e9);
  const ms =
    whole * 1000 + (nanos >= 0 ? Math.trunc(nanos / 1e6) : -1000 + Math.trunc((nanos + 1e9) / 1e6));
  return ms + 0; // no negative zero
}

function roundHalfAwayFromZero(v: number): number {
  return Math.sign(v) * Math.round(Math.abs(v));
}

function rfc3339ToMs(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const [sign, zoneHour = 0, zoneMinute = 0] = [m[8], Number(m[9] ?? 0), Number(m[10] ?? 0)];
  // Day 0 of the next month is this month's last day; 2001 is not a leap year.
  const daysInMonth =
    month === 2 && isLeap(year!) ? 29 : new Date(Date.UTC(2001, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth) return undefined;
  if (hour! > 23 || minute! > 59 || second! > 59 || zoneHour > 23 || zoneMinute > 59)
    return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  date.setUTCHours(hour!, minute!, second!, 0);
  const millis = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const zone = (sign === '-' ? -1 : 1) * (zoneHour * 60 + zoneMinute) * 60_000;
  return date.getTime() + millis - zone;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const INT64_LIMIT = 2 ** 63;

/**
 * A Prometheus API duration (`step`, `timeout`) in nanoseconds: seconds as a float
 * (`15`, `0.5`) or a duration (`15s`, `1m30s`).
 */
export function parseDurationNs(text: string): number {
  if (DECIMAL.test(text)) {
    const ns = Number(text) * 1e9;
    if (!(Math.abs(ns) < INT64_LIMIT)) {
      throw new ParamError(`cannot parse ${goQuote(text)} to a valid duration. It overflows int64`);
    }
    return Math.trunc(ns);
  }
  try {
    return parseDuration(text) * 1e6;
  } catch (err) {
    throw new ParamError(`cannot parse ${goQuote(text)} to a valid duration`, { cause: err });
  }
}
