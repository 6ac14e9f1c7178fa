import { describe, expect, it } from '@jest/globals';
import { Labels, hash64 } from '@promethium/model';
import { prometheusLabelsHash, xxhash64 } from './label-hash.js';

const encoder = new TextEncoder();

describe('xxhash64', () => {
  it('matches the reference value for the empty input', () => {
    expect(xxhash64(new Uint8Array())).toBe(0xef46db3751d8e999n);
  });

  it('agrees with the wasm xxhash for every tail length and several stripes', () => {
    for (let n = 0; n < 100; n++) {
      const text = Array.from({ length: n }, (_, i) =>
        String.fromCharCode(97 + ((i * 7) % 26)),
      ).join('');
      expect(xxhash64(encoder.encode(text))).toBe(hash64(text));
    }
  });
});

describe('prometheusLabelsHash', () => {
  it('hashes the length-prefixed label encoding', () => {
    const labels = Labels.fromRecord({ a: 'xy', __name__: 'm' });
    const bytes = Uint8Array.from([8, ...encoder.encode('__name__'), 1, 109, 1, 97, 2, 120, 121]);
    expect(prometheusLabelsHash(labels)).toBe(xxhash64(bytes));
  });

  it('prefixes strings of 255 bytes or more with 0xff and three length bytes', () => {
    const long = 'v'.repeat(300);
    const bytes = Uint8Array.from([1, 97, 255, 44, 1, 0, ...encoder.encode(long)]);
    expect(prometheusLabelsHash(Labels.fromRecord({ a: long }))).toBe(xxhash64(bytes));
  });
});
