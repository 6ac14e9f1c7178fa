import { describe, expect, it } from '@jest/globals';
import { InvalidByteSizeError, parseByteSize } from './byte-size.js';

describe('parseByteSize', () => {
  it.each([
    ['0', 0],
    ['512B', 512],
    ['1KB', 1024],
    ['1KiB', 1024],
    ['512MB', 512 * 1024 ** 2],
    ['1.5GB', 1.5 * 1024 ** 3],
    ['1GB512MB', 1024 ** 3 + 512 * 1024 ** 2],
    ['2TB', 2 * 1024 ** 4],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each([
    ['', 'empty size'],
    ['10', 'expected a number and a unit at offset 0'],
    ['10XB', 'expected a number and a unit at offset 0'],
    ['1GB 2MB', 'expected a number and a unit at offset 3'],
    ['1MB1GB', 'unit GB follows a smaller unit'],
    ['-1GB', 'expected a number and a unit at offset 0'],
  ])('refuses %j: %s', (text, why) => {
    expect(() => parseByteSize(text)).toThrow(
      new InvalidByteSizeError(`invalid size ${JSON.stringify(text)}: ${why}`),
    );
  });
});
