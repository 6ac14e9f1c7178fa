import { describe, expect, it } from '@jest/globals';
import { fingerprint } from './fingerprint.js';

// Straight from the definition, in 64-bit arithmetic, to check the split-word version.
function reference(labels: Record<string, string>): string {
  let h = 0xcbf29ce484222325n;
  const names = Object.keys(labels).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    for (const byte of [...Buffer.from(name), 0xff, ...Buffer.from(labels[name]!), 0xff]) {
      h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    }
  }
  return h.toString(16).padStart(16, '0');
}

describe('fingerprint', () => {
  it('is the FNV-1a offset basis for no labels', () => {
    expect(fingerprint({})).toBe('cbf29ce484222325');
  });

  it("matches prometheus/common's signature test values", () => {
    // signature_test.go: 5799056148416392346 for these two labels.
    expect(
      BigInt(`0x${fingerprint({ name: 'garland, briggs', fear: 'love is not enough' })}`),
    ).toBe(5799056148416392346n);
  });

  it('does not depend on insertion order', () => {
    expect(fingerprint({ b: '2', a: '1' })).toBe(fingerprint({ a: '1', b: '2' }));
  });

  it('separates names from values', () => {
    expect(fingerprint({ ab: 'c' })).not.toBe(fingerprint({ a: 'bc' }));
  });

  it.each([
    [{ alertname: 'HighLatency', job: 'api', severity: 'page' }],
    [{ ünï: 'cödé', '😀': 'x' }],
    [{ a: '' }],
  ])('agrees with 64-bit arithmetic for %j', (labels) => {
    expect(fingerprint(labels)).toBe(reference(labels));
  });
});
