import { describe, expect, it } from '@jest/globals';
import { GoDuration, GoLocation, GoTime, formatDuration, parseTime } from './time.js';

// Expected values follow Go's time package documentation and examples.
const t = GoTime.fromDate(new Date(Date.UTC(2009, 10, 10, 23, 0, 0)));
const precise = new GoTime(t.unixSeconds + 3723, 123_456_789, GoLocation.UTC);

describe('Time.Format', () => {
  it.each([
    ['Mon Jan _2 15:04:05 2006', 'Tue Nov 10 23:00:00 2009'],
    ['Mon Jan _2 15:04:05 MST 2006', 'Tue Nov 10 23:00:00 UTC 2009'],
    ['02 Jan 06 15:04 MST', '10 Nov 09 23:00 UTC'],
    ['Monday, 02-Jan-06 15:04:05 MST', 'Tuesday, 10-Nov-09 23:00:00 UTC'],
    ['Mon, 02 Jan 2006 15:04:05 -0700', 'Tue, 10 Nov 2009 23:00:00 +0000'],
    ['2006-01-02T15:04:05Z07:00', '2009-11-10T23:00:00Z'],
    ['3:04PM', '11:00PM'],
    ['3:04pm', '11:00pm'],
    ['Jan _2 15:04:05.000', 'Nov 10 23:00:00.000'],
    ['2006-01-02 15:04:05.999', '2009-11-10 23:00:00'],
    ['January 2, 2006', 'November 10, 2009'],
    ['1/2/06', '11/10/09'],
    ['002 __2', '314 314'],
    ['Z0700 Z07:00 Z07 -07', 'Z Z Z +00'],
    ['_2006', '_2009'],
    // Jan and Mon followed by a lower-case letter are words, not elements.
    ['Janet Monkey', 'Janet Monkey'],
  ])('%j', (layout, want) => {
    expect(t.Format(layout)).toBe(want);
  });

  it.each([
    ['15:04:05.000', '00:02:03.123'],
    ['15:04:05,000000', '00:02:03,123456'],
    ['15:04:05.999999999', '00:02:03.123456789'],
    ['15:04:05.9', '00:02:03.1'],
    ['05.00', '03.12'],
  ])('fractional seconds %j', (layout, want) => {
    const u = new GoTime(
      precise.unixSeconds - 23 * 3600 - 3600,
      precise.nanosecond,
      GoLocation.UTC,
    );
    expect(u.Format(layout)).toBe(want);
  });

  it('prints String() as Go does', () => {
    expect(t.String()).toBe('2009-11-10 23:00:00 +0000 UTC');
    expect(precise.String()).toBe('2009-11-11 00:02:03.123456789 +0000 UTC');
    expect(GoTime.zero().String()).toBe('0001-01-01 00:00:00 +0000 UTC');
    expect(precise.toJSON()).toBe('2009-11-11T00:02:03.123456789Z');
  });

  it.each([
    ['Europe/Berlin', Date.UTC(2024, 0, 15, 12), '2024-01-15 13:00:00 +0100 CET'],
    ['Europe/Berlin', Date.UTC(2024, 6, 15, 12), '2024-07-15 14:00:00 +0200 CEST'],
    ['America/New_York', Date.UTC(2024, 0, 15, 12), '2024-01-15 07:00:00 -0500 EST'],
    ['Asia/Kolkata', Date.UTC(2024, 0, 15, 12), '2024-01-15 17:30:00 +0530 IST'],
    ['Asia/Dubai', Date.UTC(2024, 0, 15, 12), '2024-01-15 16:00:00 +0400 +04'],
    ['UTC', Date.UTC(2024, 0, 15, 12), '2024-01-15 12:00:00 +0000 UTC'],
  ])('formats in %s', (zone, ms, want) => {
    const u = GoTime.fromDate(new Date(ms));
    expect(new GoTime(u.unixSeconds, 0, GoLocation.load(zone)).String()).toBe(want);
  });

  it('rejects unknown zones with Go message', () => {
    expect(() => GoLocation.load('Mars/Olympus')).toThrow('unknown time zone Mars/Olympus');
  });
});

describe('Time methods', () => {
  it('reads calendar fields', () => {
    expect([t.Year(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.YearDay()]).toEqual([
      2009n,
      10n,
      23n,
      0n,
      0n,
      314n,
    ]);
    expect(t.Month().String()).toBe('November');
    expect(t.Month().value).toBe(11n);
    expect(t.Weekday().String()).toBe('Tuesday');
    expect([t.Unix(), t.UnixMilli(), precise.UnixNano()]).toEqual([
      1257894000n,
      1257894000000n,
      1257897723123456789n,
    ]);
  });

  it('does arithmetic with durations', () => {
    expect(t.Add(new GoDuration(90_000_000_000n)).Format('15:04:05')).toBe('23:01:30');
    expect(t.Add(-3_600_000_000_000n).Format('15:04')).toBe('22:00');
    expect(precise.Sub(t).String()).toBe('1h2m3.123456789s');
    expect(t.AddDate(0n, 3n, 0n).Format('2006-01-02')).toBe('2010-02-10');
    expect(t.AddDate(0n, 0n, 21n).Format('2006-01-02')).toBe('2009-12-01');
    expect(t.Before(precise)).toBe(true);
    expect(t.After(precise)).toBe(false);
    expect(t.Equal(GoTime.fromDate(new Date(Date.UTC(2009, 10, 10, 23))))).toBe(true);
    expect(GoTime.zero().IsZero()).toBe(true);
    expect(precise.Truncate(new GoDuration(3_600_000_000_000n)).String()).toBe(
      '2009-11-11 00:00:00 +0000 UTC',
    );
    expect(precise.Round(new GoDuration(1_000_000_000n)).Format('15:04:05.000')).toBe(
      '00:02:03.000',
    );
  });
});

describe('Duration', () => {
  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [1100n, '1.1µs'],
    [2_200_000n, '2.2ms'],
    [3_300_000_000n, '3.3s'],
    [245_000_000_000n, '4m5s'],
    [245_001_000_000n, '4m5.001s'],
    [18_367_001_000_000n, '5h6m7.001s'],
    [480_000_000_001n, '8m0.000000001s'],
    [-1n, '-1ns'],
    [(1n << 63n) - 1n, '2562047h47m16.854775807s'],
    [-(1n << 63n), '-2562047h47m16.854775808s'],
  ])('formats %p ns as %s', (ns, want) => {
    expect(formatDuration(ns)).toBe(want);
  });

  it('rounds and truncates as Go', () => {
    const d = new GoDuration(4_530_918_273_645n);
    const round = (unit: bigint): string => d.Round(new GoDuration(unit)).String();
    expect(round(1000n)).toBe('1h15m30.918274s');
    expect(round(1_000_000n)).toBe('1h15m30.918s');
    expect(round(1_000_000_000n)).toBe('1h15m31s');
    expect(round(2_000_000_000n)).toBe('1h15m30s');
    expect(round(60_000_000_000n)).toBe('1h16m0s');
    expect(round(600_000_000_000n)).toBe('1h20m0s');
    expect(round(3_600_000_000_000n)).toBe('1h0m0s');
    expect(d.Truncate(new GoDuration(1_000_000_000n)).String()).toBe('1h15m30s');
    expect(d.Truncate(new GoDuration(60_000_000_000n)).String()).toBe('1h15m0s');
    expect(new GoDuration(-1500n).Round(1000n).String()).toBe('-2µs');
  });

  it('converts to units', () => {
    const d = new GoDuration(5_400_000_000_000n);
    expect([d.Hours(), d.Minutes(), d.Seconds()]).toEqual([1.5, 90, 5400]);
    expect([d.Milliseconds(), d.Microseconds(), d.Nanoseconds()]).toEqual([
      5400000n,
      5400000000n,
      5400000000000n,
    ]);
    expect(new GoDuration(-5n).Abs().ns).toBe(5n);
  });
});

describe('parseTime', () => {
  const utc = GoLocation.UTC;

  it.each([
    ['2006-01-02', '2024-03-05', '2024-03-05 00:00:00 +0000 UTC'],
    ['2006-01-02T15:04:05Z07:00', '2024-03-05T10:11:12Z', '2024-03-05 10:11:12 +0000 UTC'],
    ['2006-01-02T15:04:05Z07:00', '2024-03-05T10:11:12+02:00', '2024-03-05 10:11:12 +0200 +0200'],
    ['2006-01-02 15:04:05', '2024-03-05 10:11:12.345', '2024-03-05 10:11:12.345 +0000 UTC'],
    ['Jan _2 2006 3:04PM', 'Mar  5 2024 1:07PM', '2024-03-05 13:07:00 +0000 UTC'],
    ['Jan 2 2006 3:04pm', 'mar 5 2024 12:07am', '2024-03-05 00:07:00 +0000 UTC'],
    [
      'Monday, 02-Jan-06 15:04:05 MST',
      'Tuesday, 05-Mar-24 10:00:00 UTC',
      '2024-03-05 10:00:00 +0000 UTC',
    ],
    ['02 Jan 06 15:04 MST', '05 Mar 24 10:00 PST', '2024-03-05 10:00:00 +0000 PST'],
    ['2006 002', '2024 065', '2024-03-05 00:00:00 +0000 UTC'],
    ['15:04:05.000', '10:11:12.345', '0000-01-01 10:11:12.345 +0000 UTC'],
  ])('parses %j %j', (layout, value, want) => {
    expect(parseTime(layout, value, utc).String()).toBe(want);
  });

  it.each([
    ['2006-01-02', '2024-13-01', 'parsing time "2024-13-01": month out of range'],
    ['2006-01-02', '2024-02-30', 'parsing time "2024-02-30": day out of range'],
    ['2006', 'x', 'parsing time "x" as "2006": cannot parse "x" as "2006"'],
    [
      '2006-01-02',
      '2024/01/02',
      'parsing time "2024/01/02" as "2006-01-02": cannot parse "/01/02" as "-"',
    ],
    ['2006-01-02', '2024-01-01x', 'parsing time "2024-01-01x": extra text: "x"'],
    ['15:04', '25:00', 'parsing time "25:00": hour out of range'],
    ['Jan', 'Foo', 'parsing time "Foo" as "Jan": cannot parse "Foo" as "Jan"'],
  ])('rejects %j %j', (layout, value, message) => {
    expect(() => parseTime(layout, value, utc)).toThrow(message);
  });
});
