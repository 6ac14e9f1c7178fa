import { describe, expect, it } from '@jest/globals';
import { Labels, hash64Bytes } from '@promethium/model';
import { prometheusLabelsHash } from './label-hash.js';

const encoder = new TextEncoder();

describe('hash64Bytes', () => {
  it('matches the reference xxHash64 value for the empty input', () => {
    expect(hash64Bytes(new Uint8Array())).toBe(0xef46db3751d8e999n);
  });
});

describe('prometheusLabelsHash', () => {
  it('hashes the length-prefixed label encoding', () => {
    const labels = Labels.fromRecord({ a: 'xy', __name__: 'm' });
    const bytes = Uint8Array.from([8, ...encoder.encode('__name__'), 1, 109, 1, 97, 2, 120, 121]);
    expect(prometheusLabelsHash(labels)).toBe(hash64Bytes(bytes));
  });

  it('prefixes strings of 255 bytes or more with 0xff and three length bytes', () => {
    const long = 'v'.repeat(300);
    const bytes = Uint8Array.from([1, 97, 255, 44, 1, 0, ...encoder.encode(long)]);
    expect(prometheusLabelsHash(Labels.fromRecord({ a: long }))).toBe(hash64Bytes(bytes));
  });
});
