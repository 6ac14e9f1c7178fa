// A timestamp's delta of delta (dod) is stored in the smallest of these signed buckets,
// after a prefix naming the bucket: '0' for dod 0, '10' 14 bits, '110' 17 bits, '1110'
// 20 bits, '1111' the full 64. Prometheus counts in milliseconds where Gorilla counted
// seconds, hence its wider buckets. The ranges are Prometheus's (bitRange): one more
// positive value than two's complement allows, kept for byte compatibility.

/** Whether `dod` fits a bucket of `bits` bits: -(2^(bits-1) - 1) <= dod <= 2^(bits-1). */
export function fitsBucket(dod: number, bits: number): boolean {
  const half = 2 ** (bits - 1);
  return dod >= 1 - half && dod <= half;
}

/** The signed dod that the `bits` unsigned bits of a bucket stand for. */
export function bucketValue(raw: number, bits: number): number {
  const half = 2 ** (bits - 1);
  return raw > half ? raw - 2 * half : raw;
}
