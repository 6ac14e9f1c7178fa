import { describe, expect, it } from '@jest/globals';
import { InvalidBase2BytesError, parseBase2Bytes } from './byte-size.js';

const KiB = 1024;
const MiB = 1024 * KiB;

describe('parseBase2Bytes', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['0B', 0],
    ['512B', 512],
    ['1KB', KiB],
    ['1KiB', KiB],
    ['1.5MB', 1.5 * MiB],
    ['1.5MiB', 1.5 * MiB],
    ['1MB1KB25B', MiB + KiB + 25],
    ['1MiB1KiB25B', MiB + KiB + 25],
    ['25B1KB', KiB + 25],
    ['1KB1KB', 2 * KiB],
    ['.5KB', 512],
    ['1.KB', KiB],
    ['1KB.5KB', KiB + 512],
    ['+1KB', KiB],
    ['-1KB', -KiB],
    ['0.1B', 0],
    ['1EB', 2 ** 60],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseBase2Bytes(text)).toBe(bytes);
  });

  it.each([
    ['1000', 'units: unknown unit  in 1000'],
    ['1kB', 'units: unknown unit kB in 1kB'],
    ['1kiB', 'units: unknown unit kiB in 1kiB'],
    ['1 KB', 'units: unknown unit  KB in 1 KB'],
    ['1MiB1KB', 'units: unknown unit MiB in 1MiB1KB'],
    ['', 'units: invalid '],
    ['-', 'units: invalid -'],
    ['KB', 'units: invalid KB'],
    ['.KB', 'units: invalid .KB'],
    ['1KB-1B', 'units: unknown unit KB- in 1KB-1B'],
    ['99999999999999999999B', 'units: invalid 99999999999999999999B'],
    ['9EB', 'units: overflow parsing unit'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseBase2Bytes(text)).toThrow(new InvalidBase2BytesError(message));
  });
});
