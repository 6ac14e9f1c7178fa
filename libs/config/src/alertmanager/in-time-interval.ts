import type { InclusiveRange, TimeInterval } from './types.js';

/** A moment as read on a wall clock and calendar in some time zone. */
interface CivilTime {
  year: number;
  /** 1 = January. */
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Minutes since midnight. */
  minute: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      // `Local` is Go's name for the machine's zone, which is Intl's default.
      timeZone: zone === 'Local' ? undefined : zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function civilTime(date: Date, zone: string): CivilTime {
  if (zone === 'UTC') {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      weekday: date.getUTCDay(),
      minute: date.getUTCHours() * 60 + date.getUTCMinutes(),
    };
  }
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    weekday: WEEKDAYS.indexOf(parts['weekday'] ?? ''),
    minute: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function clamp(n: number, min: number, max: number): number {
  return n <= min ? min : n >= max ? max : n;
}

function inRanges(ranges: readonly InclusiveRange[] | undefined, value: number): boolean {
  return ranges === undefined || ranges.some((r) => value >= r.begin && value <= r.end);
}

/** Whether the day of month falls in a range, negative ends counting back from the last day. */
function inDaysOfMonth(ranges: readonly InclusiveRange[] | undefined, t: CivilTime): boolean {
  if (ranges === undefined) return true;
  const days = daysInMonth(t.year, t.month);
  return ranges.some((r) => {
    const begin = r.begin < 0 ? days + r.begin + 1 : r.begin;
    const end = r.end < 0 ? days + r.end + 1 : r.end;
    // A range starting after this month's last day does not apply to this month.
    if (begin > days) return false;
    return t.day >= clamp(begin, -days, days) && t.day <= clamp(end, -days, days);
  });
}

/**
 * Whether `date` is inside the interval, as Alertmanager's ContainsTime decides: each part
 * given (times, weekdays, days of month, months, years) must contain the time as read in the
 * interval's location (UTC when it has none).
 */
export function inTimeInterval(interval: TimeInterval, date: Date): boolean {
  const t = civilTime(date, interval.location ?? 'UTC');
  const inTimes =
    interval.times === undefined ||
    interval.times.some((r) => t.minute >= r.startMinute && t.minute < r.endMinute);
  return (
    inTimes &&
    inDaysOfMonth(interval.daysOfMonth, t) &&
    inRanges(interval.months, t.month) &&
    inRanges(interval.weekdays, t.weekday) &&
    inRanges(interval.years, t.year)
  );
}
