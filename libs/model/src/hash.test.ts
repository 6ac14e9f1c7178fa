import { describe, expect, it } from '@jest/globals';
import { hash64, jumpHash } from './hash.js';

describe('hash64', () => {
  it('matches the xxHash64 reference value for the empty input', () => {
    expect(hash64('')).toBe(0xef46db3751d8e999n);
  });
});

describe('jumpHash', () => {
  it('keeps buckets in range and spreads keys evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[jumpHash(hash64(`series-${i}`), 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it('moves only keys that land in the new bucket when growing', () => {
    for (let i = 0; i < 1000; i++) {
      const key = hash64(`k${i}`);
      const before = jumpHash(key, 3);
      const after = jumpHash(key, 4);
      expect(after === before || after === 3).toBe(true);
    }
  });

  it('rejects a bucket count below one', () => {
    expect(() => jumpHash(1n, 0)).toThrow(RangeError);
  });
});
