import type { Cursor } from '../yaml/cursor.js';
import { list, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object, optional } from '../yaml/object.js';
import { goAtoi } from './go.js';
import type { InclusiveRange, TimeInterval, TimeRange } from './types.js';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Decodes a range's text; throws Error with Alertmanager's message. */
type Member = (text: string) => number;

const number: Member = goAtoi;

const weekday: Member = (text) => {
  const day = WEEKDAYS.indexOf(text);
  if (day < 0) throw new Error(`${text} is not a valid weekday`);
  return day;
};

const month: Member = (text) => {
  const index = MONTHS.indexOf(text);
  if (index >= 0) return index + 1;
  try {
    return goAtoi(text);
  } catch {
    throw new Error(`${text} is not a valid month`);
  }
};

/** `a:b` or a single `a` (both ends the same), read case-insensitively. */
function parseRange(written: string, member: Member): InclusiveRange {
  const text = written.toLowerCase();
  if (!text.includes(':')) {
    const value = member(text);
    return { begin: value, end: value };
  }
  const parts = text.split(':');
  if (parts.length !== 2) throw new Error(`couldn't parse range ${text}, invalid format`);
  return { begin: member(parts[0]!), end: member(parts[1]!) };
}

/** Why a range is not acceptable, given its text as written. */
type RangeCheck = (range: InclusiveRange, written: string) => string | undefined;

// An empty list item is Go's zero range, which yaml.v2 leaves unchecked.
const ZERO_RANGE: InclusiveRange = { begin: 0, end: 0 };

function rangeDecoder(member: Member, problem: RangeCheck): Decoder<InclusiveRange> {
  return (at) => {
    if (at.isNull) return { ...ZERO_RANGE };
    const written = str(at);
    let range: InclusiveRange;
    try {
      range = parseRange(written, member);
    } catch (err) {
      return at.fail((err as Error).message);
    }
    const reason = problem(range, written);
    return reason === undefined ? range : at.fail(reason);
  };
}

const weekdayRange = rangeDecoder(weekday, ({ begin, end }, written) => {
  if (begin > end) return 'start day cannot be before end day';
  const outside = (day: number) => day < 0 || day > 6;
  if (outside(begin) || outside(end))
    return `${written} is not a valid day of the week: out of range`;
  return undefined;
});

const dayOfMonthRange = rangeDecoder(number, ({ begin, end }) => {
  const outside = (day: number) => day === 0 || day < -31 || day > 31;
  if (outside(begin)) return `${begin} is not a valid day of the month: out of range`;
  if (outside(end)) return `${end} is not a valid day of the month: out of range`;
  if (begin < 0 && end > 0) return 'end day must be negative if start day is negative';
  // Negative days count from the month's end; the shortest month (28 days) tells when the
  // range is empty in every month.
  const asDay = (day: number) => (day < 0 ? 28 + day : day);
  if (asDay(begin) > asDay(end)) return `end day ${end} is always before start day ${begin}`;
  return undefined;
});

const monthRange = rangeDecoder(month, ({ begin, end }) =>
  begin > end
    ? `end month ${MONTHS[end - 1] ?? ''} is before start month ${MONTHS[begin - 1] ?? ''}`
    : undefined,
);

const yearRange = rangeDecoder(number, ({ begin, end }) =>
  begin > end ? `end year ${end} is before start year ${begin}` : undefined,
);

const CLOCK = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** Minutes since midnight of an `HH:MM` time (24:00 allowed, as an end). */
function minuteOfDay(at: Cursor, text: string): number {
  if (!CLOCK.test(text)) at.fail(`couldn't parse timestamp ${text}, invalid format`);
  const [hours = '', minutes = ''] = text.split(':');
  return Number(hours) * 60 + Number(minutes);
}

const timeRangeShape = object({
  startTime: field('start_time', str, ''),
  endTime: field('end_time', str, ''),
});

const timeRange: Decoder<TimeRange> = (at) => {
  // An empty list item is Go's zero range (contains no time), which yaml.v2 leaves unchecked.
  if (at.isNull) return { startMinute: 0, endMinute: 0 };
  const { startTime, endTime } = timeRangeShape(at);
  if (startTime === '' || endTime === '') at.fail('both start and end times must be provided');
  const startMinute = minuteOfDay(at.field('start_time'), startTime);
  const endMinute = minuteOfDay(at.field('end_time'), endTime);
  if (startMinute >= endMinute) at.fail('start time cannot be equal or greater than end time');
  return { startMinute, endMinute };
};

// Go's time.LoadLocation refuses these names before looking in the zone database.
const BAD_LOCATION = /(^|\/)\.\.(\/|$)|^[/\\]/;

/**
 * Why `name` is not a zone Go's time.LoadLocation loads, or undefined. The zone database is
 * the platform's (through Intl); an IANA name's parts begin with a capital letter, which
 * keeps out the lower-case spellings Intl tolerates but Go's file lookup does not.
 */
export function locationProblem(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (BAD_LOCATION.test(name)) return 'time: invalid location name';
  const known = name.split('/').every((part) => /^[A-Z]/.test(part)) && zoneExists(name);
  return known ? undefined : `unknown time zone ${name}`;
}

function zoneExists(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const location: Decoder<string> = (at) => {
  const name = str(at);
  const problem = locationProblem(name);
  if (problem !== undefined) at.fail(problem);
  return name === '' ? 'UTC' : name;
};

const timeIntervalShape = object({
  times: optional('times', list(timeRange)),
  weekdays: optional('weekdays', list(weekdayRange)),
  daysOfMonth: optional('days_of_month', list(dayOfMonthRange)),
  months: optional('months', list(monthRange)),
  years: optional('years', list(yearRange)),
  location: optional('location', location),
});

/** One entry of a named interval's `time_intervals`; parts left out are not set. */
const timeInterval: Decoder<TimeInterval> = (at) => {
  const decoded = timeIntervalShape(at);
  const entries = Object.entries(decoded).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries) as TimeInterval;
};

/** A named set of time intervals, as listed under `time_intervals` or `mute_time_intervals`. */
export interface NamedTimeIntervals {
  name: string;
  timeIntervals: TimeInterval[];
}

/**
 * An entry of `time_intervals` (`what` = "time interval") or of the deprecated
 * `mute_time_intervals` (`what` = "mute time interval").
 */
export function namedTimeIntervals(what: string): Decoder<NamedTimeIntervals> {
  const shape = object({
    name: field('name', str, ''),
    timeIntervals: field('time_intervals', list(timeInterval), []),
  });
  return (at) => {
    // yaml.v2 leaves an empty list item as Go's zero value, unchecked: a nameless interval.
    if (at.isNull) return { name: '', timeIntervals: [] };
    const named = shape(at);
    if (named.name === '') at.field('name').fail(`missing name in ${what}`);
    return named;
  };
}
