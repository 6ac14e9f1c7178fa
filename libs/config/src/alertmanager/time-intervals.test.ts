import { describe, expect, it } from '@jest/globals';
import { decodeYaml } from '../yaml/decoders.js';
import { inTimeInterval } from './in-time-interval.js';
import { locationProblem, namedTimeIntervals } from './time-intervals.js';
import type { TimeInterval } from './types.js';

function intervals(yaml: string): TimeInterval[] {
  const text = `name: test\ntime_intervals:\n${yaml}`;
  return decodeYaml(text, 'am.yml', namedTimeIntervals('time interval')).value.timeIntervals;
}

function failure(yaml: string): string {
  try {
    intervals(yaml);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a failure');
}

const at = (iso: string) => new Date(iso);

describe('time interval decoding', () => {
  it('reads every part, names case-insensitively, leaving out what is not given', () => {
    expect(
      intervals(`
  - weekdays: ['monday:friday', 'Sunday']
    months: ['January:march', '12']
    days_of_month: ['-7:-1', 1, '3:5']
    years: ['2020:2025']
    times:
      - start_time: '09:00'
        end_time: 24:00
    location: Europe/Berlin
  - {}
  - times: []
`),
    ).toEqual([
      {
        weekdays: [
          { begin: 1, end: 5 },
          { begin: 0, end: 0 },
        ],
        months: [
          { begin: 1, end: 3 },
          { begin: 12, end: 12 },
        ],
        daysOfMonth: [
          { begin: -7, end: -1 },
          { begin: 1, end: 1 },
          { begin: 3, end: 5 },
        ],
        years: [{ begin: 2020, end: 2025 }],
        times: [{ startMinute: 540, endMinute: 1440 }],
        location: 'Europe/Berlin',
      },
      {},
      { times: [] },
    ]);
  });

  it.each([
    [
      "- times: [{start_time: '01:99', end_time: '23:59'}]",
      "couldn't parse timestamp 01:99, invalid format",
    ],
    [
      "- times: [{start_time: '00:00', end_time: '99:99'}]",
      "couldn't parse timestamp 99:99, invalid format",
    ],
    [
      "- times: [{start_time: '17:31', end_time: '17:31'}]",
      'start time cannot be equal or greater than end time',
    ],
    ["- times: [{start_time: '14:03'}]", 'both start and end times must be provided'],
    ["- times: [{start_time: '14:03', end: '15:00'}]", 'unknown field'],
    ["- weekdays: ['friday:monday']", 'start day cannot be before end day'],
    ["- weekdays: ['blurgsday:flurgsday']", 'blurgsday is not a valid weekday'],
    ["- weekdays: ['1:3']", '1 is not a valid weekday'],
    [
      "- weekdays: ['monday:tuesday:friday']",
      "couldn't parse range monday:tuesday:friday, invalid format",
    ],
    ["- days_of_month: ['0']", '0 is not a valid day of the month: out of range'],
    ["- days_of_month: ['-50:-20']", '-50 is not a valid day of the month: out of range'],
    ["- days_of_month: ['1:50']", '50 is not a valid day of the month: out of range'],
    ["- days_of_month: ['-15:5']", 'end day must be negative if start day is negative'],
    ["- days_of_month: ['10:-25']", 'end day -25 is always before start day 10'],
    ["- days_of_month: ['x']", 'strconv.Atoi: parsing "x": invalid syntax'],
    ["- months: ['martius']", 'martius is not a valid month'],
    ["- months: ['december:january']", 'end month january is before start month december'],
    ["- years: ['2030:2020']", 'end year 2020 is before start year 2030'],
    ['- location: Mars/Olympus_Mons', 'unknown time zone Mars/Olympus_Mons'],
    ['- location: europe/berlin', 'unknown time zone europe/berlin'],
    ['- location: ../etc/passwd', 'time: invalid location name'],
    ['- hours: [1]', 'unknown field'],
  ])('refuses %s', (yaml, message) => {
    expect(failure(yaml)).toContain(message);
  });

  it('names the field and position of a problem', () => {
    expect(failure("  - weekdays: ['monday', 'fryday']")).toBe(
      'am.yml:3:26: time_intervals[0].weekdays[1]: fryday is not a valid weekday',
    );
  });

  it('accepts Go zone names and the special ones', () => {
    for (const name of ['UTC', 'Local', '', 'America/New_York', 'Etc/GMT+5', 'US/Eastern']) {
      expect(locationProblem(name)).toBeUndefined();
    }
    expect(locationProblem('+01:00')).toBe('unknown time zone +01:00');
  });

  it('refuses an unnamed interval', () => {
    const decode = (text: string) =>
      decodeYaml(text, 'am.yml', namedTimeIntervals('mute time interval'));
    expect(() => decode('time_intervals: []\n')).toThrow(
      'am.yml:1:1: name: missing name in mute time interval',
    );
  });
});

describe('inTimeInterval', () => {
  it('contains every time when no part is given', () => {
    expect(inTimeInterval({}, at('2006-01-02T15:04:00Z'))).toBe(true);
  });

  it('takes business hours, Monday to Friday, in UTC', () => {
    const hours: TimeInterval = {
      times: [{ startMinute: 540, endMinute: 1020 }],
      weekdays: [{ begin: 1, end: 5 }],
    };
    expect(inTimeInterval(hours, at('2020-05-04T15:04:00Z'))).toBe(true);
    expect(inTimeInterval(hours, at('2020-06-09T09:04:00Z'))).toBe(true);
    expect(inTimeInterval(hours, at('2020-05-03T15:04:00Z'))).toBe(false); // Sunday
    expect(inTimeInterval(hours, at('2020-05-04T08:59:00Z'))).toBe(false);
    expect(inTimeInterval(hours, at('2020-05-04T17:00:00Z'))).toBe(false); // end excluded
  });

  it('takes days of month, months and years together', () => {
    const easter: TimeInterval = {
      daysOfMonth: [{ begin: 4, end: 6 }],
      months: [{ begin: 4, end: 4 }],
      years: [{ begin: 2020, end: 2020 }],
    };
    expect(inTimeInterval(easter, at('2020-04-05T00:00:00Z'))).toBe(true);
    expect(inTimeInterval(easter, at('2020-04-06T23:05:00Z'))).toBe(true);
    expect(inTimeInterval(easter, at('2020-04-03T23:59:00Z'))).toBe(false);
    expect(inTimeInterval(easter, at('2019-04-06T23:59:00Z'))).toBe(false);
    expect(inTimeInterval(easter, at('2020-04-07T00:00:00Z'))).toBe(false);
  });

  it('counts negative days back from the end of each month', () => {
    const lastThree: TimeInterval = { daysOfMonth: [{ begin: -3, end: -1 }] };
    for (const iso of ['2020-01-29', '2020-01-31', '2020-06-30', '2020-02-29']) {
      expect(inTimeInterval(lastThree, at(`${iso}T12:00:00Z`))).toBe(true);
    }
    for (const iso of ['2020-01-27', '2020-03-01', '2019-04-06']) {
      expect(inTimeInterval(lastThree, at(`${iso}T12:00:00Z`))).toBe(false);
    }
  });

  it('clamps out-of-bound days to the month', () => {
    const june: TimeInterval = {
      months: [{ begin: 6, end: 6 }],
      daysOfMonth: [{ begin: -31, end: 31 }],
    };
    expect(inTimeInterval(june, at('2020-06-30T00:00:00Z'))).toBe(true);
    expect(inTimeInterval(june, at('2020-06-01T00:00:00Z'))).toBe(true);
    expect(inTimeInterval(june, at('2020-05-31T00:00:00Z'))).toBe(false);
    expect(
      inTimeInterval({ daysOfMonth: [{ begin: 30, end: 31 }] }, at('2021-02-28T00:00:00Z')),
    ).toBe(false);
  });

  it("reads the time in the interval's location, daylight saving included", () => {
    const sydney: TimeInterval = {
      times: [{ startMinute: 540, endMinute: 1020 }],
      weekdays: [{ begin: 1, end: 5 }],
      location: 'Australia/Sydney',
    };
    expect(inTimeInterval(sydney, at('2021-04-06T13:00:00+10:00'))).toBe(true);
    expect(inTimeInterval(sydney, at('2021-04-06T13:00:00Z'))).toBe(false);
    const november = { ...sydney, months: [{ begin: 11, end: 11 }] };
    expect(inTimeInterval(november, at('2021-11-01T09:00:00+11:00'))).toBe(true);
    expect(inTimeInterval(november, at('2021-10-31T22:00:00Z'))).toBe(true);
    expect(inTimeInterval(november, at('2021-10-31T21:00:00Z'))).toBe(false);
  });

  it('keeps the last day of month across a spring-forward month', () => {
    const last: TimeInterval = {
      daysOfMonth: [{ begin: -1, end: -1 }],
      location: 'America/New_York',
    };
    expect(inTimeInterval(last, at('2021-03-31T12:00:00-04:00'))).toBe(true);
    expect(inTimeInterval(last, at('2021-03-30T12:00:00-04:00'))).toBe(false);
  });

  it('contains no time for an empty list of a part', () => {
    expect(inTimeInterval({ times: [] }, at('2020-05-04T15:04:00Z'))).toBe(false);
  });
});
