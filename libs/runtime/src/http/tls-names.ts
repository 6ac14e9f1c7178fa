import type { SecureVersion } from 'node:tls';
import type { TlsVersion } from '@promethium/config';

/** Web-config TLS version names as Node names them. */
export const TLS_VERSIONS: Readonly<Record<TlsVersion, SecureVersion>> = {
  TLS10: 'TLSv1',
  TLS11: 'TLSv1.1',
  TLS12: 'TLSv1.2',
  TLS13: 'TLSv1.3',
};

// Go's crypto/tls cipher suite names (what exporter-toolkit accepts) as OpenSSL names them.
// Go never lets TLS 1.3 suites be configured, so those map to nothing.
const CIPHERS: Readonly<Record<string, string | undefined>> = {
  TLS_AES_128_GCM_SHA256: undefined,
  TLS_AES_256_GCM_SHA384: undefined,
  TLS_CHACHA20_POLY1305_SHA256: undefined,
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
};

// Listed explicitly so restricting the TLS 1.2 suites never disables TLS 1.3.
const TLS13_SUITES = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
];

const CURVES: Readonly<Record<string, string>> = {
  CurveP256: 'P-256',
  CurveP384: 'P-384',
  CurveP521: 'P-521',
  X25519: 'X25519',
};

/**
 * An OpenSSL cipher list for Go cipher suite names, or undefined for Node's defaults when
 * none are given. A name the config package let through but this table lacks is a BUG.
 */
export function opensslCiphers(goNames: readonly string[]): string | undefined {
  if (goNames.length === 0) return undefined;
  const names = goNames.map((name) => {
    if (!(name in CIPHERS)) throw new Error(`BUG: no OpenSSL name for cipher suite ${name}`);
    return CIPHERS[name];
  });
  return [...TLS13_SUITES, ...names.filter((n) => n !== undefined)].join(':');
}

/** An `ecdhCurve` value for Go curve names, or undefined for Node's defaults when none are given. */
export function opensslCurves(goNames: readonly string[]): string | undefined {
  if (goNames.length === 0) return undefined;
  return goNames
    .map((name) => CURVES[name] ?? fail(`BUG: no OpenSSL name for curve ${name}`))
    .join(':');
}

function fail(message: string): never {
  throw new Error(message);
}
