import type { Labels } from '@promethium/model';

// Prometheus's default build (stringlabels) hashes its label encoding: each name and value
// is preceded by its byte length (one byte below 255, else 0xff and three bytes little
// endian). limit_ratio samples by this hash, so it must be reproduced exactly; the model's
// own hash covers a different byte form and the xxhash dependency is not ours to add.

const MASK = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;
const round = (acc: bigint, lane: bigint): bigint =>
  (rotl((acc + lane * P2) & MASK, 31n) * P1) & MASK;
const merge = (acc: bigint, v: bigint): bigint => (((acc ^ round(0n, v)) * P1) & MASK) + P4;

function read64(b: Uint8Array, i: number): bigint {
  return new DataView(b.buffer, b.byteOffset + i, 8).getBigUint64(0, true);
}

function read32(b: Uint8Array, i: number): bigint {
  return BigInt(new DataView(b.buffer, b.byteOffset + i, 4).getUint32(0, true));
}

function stripes(b: Uint8Array): { h: bigint; i: number } {
  const v = [(P1 + P2) & MASK, P2, 0n, (MASK + 1n - P1) & MASK];
  let i = 0;
  for (; i + 32 <= b.length; i += 32) {
    for (let lane = 0; lane < 4; lane++) v[lane] = round(v[lane]!, read64(b, i + lane * 8));
  }
  const [v1, v2, v3, v4] = v as [bigint, bigint, bigint, bigint];
  let h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
  for (const lane of v) h = merge(h, lane) & MASK;
  return { h, i };
}

/** xxHash64 (seed 0) of raw bytes, as an unsigned 64-bit bigint. */
export function xxhash64(b: Uint8Array): bigint {
  let { h, i } = b.length >= 32 ? stripes(b) : { h: P5, i: 0 };
  h = (h + BigInt(b.length)) & MASK;
  for (; i + 8 <= b.length; i += 8) {
    h = (((rotl(h ^ round(0n, read64(b, i)), 27n) * P1) & MASK) + P4) & MASK;
  }
  if (i + 4 <= b.length) {
    h = ((rotl(h ^ ((read32(b, i) * P1) & MASK), 23n) * P2) & MASK) + P3;
    h &= MASK;
    i += 4;
  }
  for (; i < b.length; i++) h = (rotl(h ^ ((BigInt(b[i]!) * P5) & MASK), 11n) * P1) & MASK;
  h = ((h ^ (h >> 33n)) * P2) & MASK;
  h = ((h ^ (h >> 29n)) * P3) & MASK;
  return h ^ (h >> 32n);
}

const encoder = new TextEncoder();

function pushString(out: number[], s: string): void {
  const bytes = encoder.encode(s);
  const n = bytes.length;
  if (n < 255) out.push(n);
  else out.push(255, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff);
  for (const byte of bytes) out.push(byte);
}

/** The hash Prometheus's labels.Labels.Hash() gives this label set (default build). */
export function prometheusLabelsHash(labels: Labels): bigint {
  const out: number[] = [];
  for (const [name, value] of labels) {
    pushString(out, name);
    pushString(out, value);
  }
  return xxhash64(Uint8Array.from(out));
}
