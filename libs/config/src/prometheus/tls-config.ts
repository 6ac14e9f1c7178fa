import { bool, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object, optional } from '../yaml/object.js';
import type { Cursor } from '../yaml/cursor.js';
import { checkCaBundle, checkKeyPair } from '../web/pem.js';
import type { TlsVersion } from '../web/types.js';
import { secretRef, secretSource } from './secret.js';
import type { ScrapeTlsConfig } from './types.js';

const VERSIONS: readonly TlsVersion[] = ['TLS10', 'TLS11', 'TLS12', 'TLS13'];

const tlsVersion: Decoder<TlsVersion> = (at) => {
  const name = str(at);
  const version = VERSIONS.find((v) => v === name);
  return version ?? at.fail(`unknown TLS version: ${name}`);
};

/** A `tls_config` section as written, its pairs checked as prometheus/common does on load. */
export const tlsConfig = object(
  {
    ca: field('ca', str, ''),
    caFile: field('ca_file', str, ''),
    caRef: field('ca_ref', secretRef, ''),
    cert: field('cert', str, ''),
    certFile: field('cert_file', str, ''),
    certRef: field('cert_ref', secretRef, ''),
    key: field('key', str, ''),
    keyFile: field('key_file', str, ''),
    keyRef: field('key_ref', secretRef, ''),
    serverName: field('server_name', str, ''),
    insecureSkipVerify: field('insecure_skip_verify', bool, false),
    minVersion: optional('min_version', tlsVersion),
    maxVersion: optional('max_version', tlsVersion),
  },
  {
    check: (tls, at) => {
      if (tls.ca !== '' && tls.caFile !== '')
        at('caFile').fail('at most one of ca, ca_file & ca_ref must be configured');
      if (tls.cert !== '' && tls.certFile !== '')
        at('certFile').fail('at most one of cert, cert_file & cert_ref must be configured');
      if (tls.key !== '' && tls.keyFile !== '')
        at('keyFile').fail('at most one of key and key_file must be configured');
      const usingCert = tls.cert !== '' || tls.certFile !== '';
      const usingKey = tls.key !== '' || tls.keyFile !== '';
      if (usingCert && !usingKey) {
        at('key').fail(
          'exactly one of key or key_file must be configured when a client certificate is configured',
        );
      }
      if (usingKey && !usingCert) {
        at('cert').fail(
          'exactly one of cert or cert_file must be configured when a client key is configured',
        );
      }
      // prometheus/common makes this check when it builds the client; it needs no file, so
      // it is reported here with its position instead.
      const { minVersion, maxVersion } = tls;
      if (minVersion && maxVersion && VERSIONS.indexOf(maxVersion) < VERSIONS.indexOf(minVersion)) {
        at('maxVersion').fail(
          'tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified',
        );
      }
      checkInlinePem(tls, at);
    },
  },
);

/** A `tls_config` section as decoded by tlsConfig. */
export type RawTlsConfig = ReturnType<typeof tlsConfig>;

/** `tls_config` when absent: the system's CAs, no client certificate, verification on. */
export const NO_TLS_CONFIG: Readonly<RawTlsConfig> = {
  ca: '',
  caFile: '',
  caRef: '',
  cert: '',
  certFile: '',
  certRef: '',
  key: '',
  keyFile: '',
  keyRef: '',
  serverName: '',
  insecureSkipVerify: false,
  minVersion: undefined,
  maxVersion: undefined,
};

// Inline PEM is checked now because that needs no I/O; files are read by the scraper.
function checkInlinePem(tls: RawTlsConfig, at: (name: keyof RawTlsConfig) => Cursor): void {
  const inline = (name: 'ca' | 'cert' | 'key') => ({
    at: at(name),
    inline: tls[name] === '' ? undefined : tls[name],
    file: '',
  });
  if (tls.ca !== '') checkCaBundle(inline('ca'), undefined);
  checkKeyPair(inline('cert'), inline('key'), undefined);
}

/** The TLS settings of a scrape config, files joined to `dir`. */
export function resolveTlsConfig(raw: RawTlsConfig, dir: string): ScrapeTlsConfig {
  return {
    ca: secretSource(raw.ca, raw.caFile, dir),
    cert: secretSource(raw.cert, raw.certFile, dir),
    key: secretSource(raw.key, raw.keyFile, dir),
    serverName: raw.serverName,
    insecureSkipVerify: raw.insecureSkipVerify,
    minVersion: raw.minVersion,
    maxVersion: raw.maxVersion,
  };
}
