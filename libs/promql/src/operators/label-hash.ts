import { hash64Bytes } from '@promethium/model';
import type { Labels } from '@promethium/model';

// Prometheus's default build (stringlabels) hashes its label encoding: each name and value
// is preceded by its byte length (one byte below 255, else 0xff and three bytes little
// endian). limit_ratio samples by this hash, so it must be reproduced exactly.

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
  return hash64Bytes(Uint8Array.from(out));
}
