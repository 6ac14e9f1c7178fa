import { describe, expect, it } from '@jest/globals';
import { ParamError, parseDurationNs, parseTime } from './params.js';

function failure(run: () => unknown): ParamError {
  try {
    run();
  } catch (err) {
    if (err instanceof ParamError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('parseTime', () => {
  it.each([
    ['1700000000', 1_700_000_000_000],
    ['1700000000.123', 1_700_000_000_123],
    ['1700000000.1234', 1_700_000_000_123],
    ['1700000000.1235', 1_700_000_000_124],
    ['1700000000.9999', 1_700_000_001_000],
    ['-1.5', -1500],
    ['-0.0004', 0],
    ['1.7e9', 1_700_000_000_000],
    ['.5', 500],
    ['+2', 2000],
    ['2023-11-14T22:13:20Z', 1_700_000_000_000],
    ['2023-11-14T22:13:20.123456789Z', 1_700_000_000_123],
    ['2023-11-14T22:13:20.9999Z', 1_700_000_000_999],
    ['2023-11-14T22:13:20,5Z', 1_700_000_000_500],
    ['2023-11-15T00:13:20+02:00', 1_700_000_000_000],
    ['2023-11-14T17:43:20.5-04:30', 1_700_000_000_500],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0001-01-01T00:00:00Z', -62_135_596_800_000],
  ])('%s = %d', (text, ms) => {
    expect(parseTime(text)).toBe(ms);
  });

  it.each([
    'x',
    '',
    'NaN',
    'Inf',
    '1e400',
    '0x10',
    '2023-11-14',
    '2023-11-14 22:13:20Z',
    '2023-11-14T22:13:20',
    '2023-11-14t22:13:20z',
    '2023-02-29T00:00:00Z',
    '2023-13-01T00:00:00Z',
    '2023-11-14T24:00:00Z',
    '2023-11-14T22:13:60Z',
    '2023-11-14T22:13:20+24:00',
  ])('refuses %j', (text) => {
    expect(failure(() => parseTime(text)).message).toBe(
      `cannot parse ${JSON.stringify(text)} to a valid timestamp`,
    );
  });
});

describe('parseDurationNs', () => {
  it.each([
    ['15', 15e9],
    ['0.5', 5e8],
    ['1e-3', 1e6],
    ['-1', -1e9],
    ['0', 0],
    ['15s', 15e9],
    ['1m30s', 90e9],
    ['500ms', 5e8],
  ])('%s = %d ns', (text, ns) => {
    expect(parseDurationNs(text)).toBe(ns);
  });

  it.each([
    ['x', 'cannot parse "x" to a valid duration'],
    ['', 'cannot parse "" to a valid duration'],
    ['5x', 'cannot parse "5x" to a valid duration'],
    ['1e10', 'cannot parse "1e10" to a valid duration. It overflows int64'],
  ])('refuses %j', (text, message) => {
    expect(failure(() => parseDurationNs(text)).message).toBe(message);
  });
});
