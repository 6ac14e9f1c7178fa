import type { ValueFn } from './math.js';

/** A UTC calendar breakdown of a Unix time in whole seconds. */
interface Civil {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
  readonly hour: number;
  readonly minute: number;
  readonly weekday: number; // 0 = Sunday
  readonly yearDay: number; // 1..366
}

const SECONDS_PER_DAY = 86400;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * Breaks a seconds value down as Go's `time.Unix(int64(v), 0).UTC()`: fractions are
 * truncated toward zero. Uses proleptic Gregorian day arithmetic so it works beyond
 * the range of JavaScript's Date.
 */
function civil(seconds: number): Civil {
  const s = Math.trunc(seconds);
  const days = Math.floor(s / SECONDS_PER_DAY);
  const secOfDay = s - days * SECONDS_PER_DAY;
  // Days since 0000-03-01, split into 400-year eras of 146097 days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  let yearDay = day;
  for (let m = 1; m < month; m++) yearDay += daysInMonth(year, m);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday.
    yearDay,
  };
}

function dateFn(pick: (c: Civil) => number): ValueFn {
  // Go's int64 conversion of NaN or ±Inf is undefined; answer NaN rather than guess.
  return (v) => (Number.isFinite(v) ? pick(civil(v)) : NaN);
}

/**
 * The date functions over a Unix time in seconds, in UTC: day_of_month, day_of_week
 * (0 = Sunday), day_of_year, days_in_month, hour, minute, month, year. With no
 * argument PromQL applies them to the evaluation time (the engine passes it).
 */
export const dateFunctions: ReadonlyMap<string, ValueFn> = new Map<string, ValueFn>([
  ['day_of_month', dateFn((c) => c.day)],
  ['day_of_week', dateFn((c) => c.weekday)],
  ['day_of_year', dateFn((c) => c.yearDay)],
  ['days_in_month', dateFn((c) => daysInMonth(c.year, c.month))],
  ['hour', dateFn((c) => c.hour)],
  ['minute', dateFn((c) => c.minute)],
  ['month', dateFn((c) => c.month)],
  ['year', dateFn((c) => c.year)],
]);
