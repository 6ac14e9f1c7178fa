import { describe, expect, it } from '@jest/globals';
import { opensslCiphers, opensslCurves } from './tls-names.js';

const TLS13 = 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256';

describe('opensslCiphers', () => {
  it.each([
    [[], undefined],
    [['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], `${TLS13}:ECDHE-RSA-AES128-GCM-SHA256`],
    [
      ['TLS_RSA_WITH_AES_256_CBC_SHA', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
      `${TLS13}:AES256-SHA:ECDHE-ECDSA-CHACHA20-POLY1305`,
    ],
    [['TLS_AES_128_GCM_SHA256'], TLS13],
  ])('%j -> %s', (names, want) => {
    expect(opensslCiphers(names)).toBe(want);
  });

  it('treats a name it cannot map as a BUG', () => {
    expect(() => opensslCiphers(['TLS_NULL'])).toThrow(/^BUG: /);
  });
});

describe('opensslCurves', () => {
  it.each([
    [[], undefined],
    [['X25519', 'CurveP256'], 'X25519:P-256'],
    [['CurveP384', 'CurveP521'], 'P-384:P-521'],
  ])('%j -> %s', (names, want) => {
    expect(opensslCurves(names)).toBe(want);
  });

  it('treats a name it cannot map as a BUG', () => {
    expect(() => opensslCurves(['CurveP192'])).toThrow(/^BUG: /);
  });
});
