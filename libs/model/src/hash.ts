import xxhash from 'xxhash-wasm';

const { h64Raw } = await xxhash();
const encoder = new TextEncoder();

/** xxHash64 of a UTF-8 string, as an unsigned 64-bit bigint. */
export function hash64(text: string): bigint {
  return h64Raw(encoder.encode(text));
}

/** xxHash64 (seed 0) of raw bytes, as an unsigned 64-bit bigint. */
export function hash64Bytes(bytes: Uint8Array): bigint {
  return h64Raw(bytes);
}

const JUMP_MULTIPLIER = 2862933555777941757n;
const MASK_64 = (1n << 64n) - 1n;

/**
 * Jump consistent hash (Lamping & Veach): maps a 64-bit key to a bucket in [0, buckets)
 * so that growing the bucket count moves only 1/n of the keys.
 */
export function jumpHash(key: bigint, buckets: number): number {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new RangeError(`buckets must be >= 1, got ${buckets}`);
  let b = -1;
  let j = 0;
  let k = key & MASK_64;
  while (j < buckets) {
    b = j;
    k = (k * JUMP_MULTIPLIER + 1n) & MASK_64;
    j = Math.floor(((b + 1) * 2 ** 31) / (Number(k >> 33n) + 1));
  }
  return b;
}
