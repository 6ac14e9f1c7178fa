import { dirname } from 'node:path';
import { joinDir } from '../paths.js';
import type { Cursor } from '../yaml/cursor.js';
import { bool, check, list, oneOf, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object } from '../yaml/object.js';
import { checkCaBundle, checkKeyPair } from './pem.js';
import type { ReadFile } from './pem.js';
import type { ClientAuthType, WebTlsConfig } from './types.js';

const VERSIONS = ['TLS10', 'TLS11', 'TLS12', 'TLS13'] as const;

// Go's tls.CipherSuites() names, which exporter-toolkit accepts, plus the RSA key-exchange
// suites older Go releases listed there too.
const CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
];
const CURVES = ['CurveP256', 'CurveP384', 'CurveP521', 'X25519'];

// '' and the legacy RequireClientCert are accepted and normalised, as exporter-toolkit does.
const CLIENT_AUTH = {
  '': 'NoClientCert',
  NoClientCert: 'NoClientCert',
  RequestClientCert: 'RequestClientCert',
  RequireAnyClientCert: 'RequireAnyClientCert',
  RequireClientCert: 'RequireAnyClientCert',
  VerifyClientCertIfGiven: 'VerifyClientCertIfGiven',
  RequireAndVerifyClientCert: 'RequireAndVerifyClientCert',
} as const satisfies Record<string, ClientAuthType>;

const named = (kind: string, names: readonly string[]) =>
  check(str, (name) =>
    names.includes(name) ? undefined : `unknown ${kind} ${JSON.stringify(name)}`,
  );

const tlsShape = object({
  certFile: field('cert_file', str, ''),
  keyFile: field('key_file', str, ''),
  certificate: field('cert', str, ''),
  key: field('key', str, ''),
  clientCaFile: field('client_ca_file', str, ''),
  clientCa: field('client_ca', str, ''),
  clientAuthType: field(
    'client_auth_type',
    oneOf(Object.keys(CLIENT_AUTH) as (keyof typeof CLIENT_AUTH)[]),
    '',
  ),
  minVersion: field('min_version', oneOf(VERSIONS), 'TLS12'),
  maxVersion: field('max_version', oneOf(VERSIONS), 'TLS13'),
  cipherSuites: field('cipher_suites', list(named('cipher', CIPHERS)), [] as string[]),
  curvePreferences: field('curve_preferences', list(named('curve', CURVES)), [] as string[]),
  preferServerCipherSuites: field('prefer_server_cipher_suites', bool, true),
  clientAllowedSans: field('client_allowed_sans', list(str), [] as string[]),
});
type RawTls = ReturnType<typeof tlsShape>;

/**
 * `tls_server_config`, undefined unless it sets a certificate, key, client CA or client auth
 * type (exporter-toolkit's rule for enabling TLS). `webConfigFile` anchors relative paths;
 * with `read`, referenced files are read and their PEM checked too.
 */
export function tlsServerConfig(
  webConfigFile: string,
  read?: ReadFile,
): Decoder<WebTlsConfig | undefined> {
  const dir = dirname(webConfigFile);
  return (at) => {
    const raw = tlsShape(at);
    const set = [
      raw.certFile,
      raw.certificate,
      raw.keyFile,
      raw.key,
      raw.clientCaFile,
      raw.clientCa,
    ];
    if (set.every((v) => v === '') && raw.clientAuthType === '') return undefined;
    validate(raw, at);
    const tls = resolve(raw, dir);
    // Each PEM is checked at the field it came from: the file name, or the inline text.
    const pem = (fileKey: string, inlineKey: string, file: string, inline: string | undefined) => ({
      at: at.field(file === '' ? inlineKey : fileKey),
      file,
      inline,
    });
    checkKeyPair(
      pem('cert_file', 'cert', tls.certFile, tls.certificate),
      pem('key_file', 'key', tls.keyFile, tls.key),
      read,
    );
    if (tls.clientCaFile !== undefined || tls.clientCa !== undefined) {
      checkCaBundle(pem('client_ca_file', 'client_ca', tls.clientCaFile ?? '', tls.clientCa), read);
    }
    return tls;
  };
}

function validate(raw: RawTls, at: Cursor): void {
  if (raw.certFile === '' && raw.certificate === '')
    at.field('cert_file').fail('missing one of cert or cert_file');
  if (raw.keyFile === '' && raw.key === '')
    at.field('key_file').fail('missing one of key or key_file');
  const clientAuthType = CLIENT_AUTH[raw.clientAuthType];
  const hasCa = raw.clientCaFile !== '' || raw.clientCa !== '';
  const verifies =
    clientAuthType === 'VerifyClientCertIfGiven' || clientAuthType === 'RequireAndVerifyClientCert';
  if (verifies && !hasCa) {
    at.field('client_auth_type').fail(
      `client_ca_file is required for client_auth_type ${JSON.stringify(clientAuthType)}`,
    );
  }
  if (hasCa && clientAuthType === 'NoClientCert') {
    at.field(raw.clientCaFile !== '' ? 'client_ca_file' : 'client_ca').fail(
      "client CA's have been configured without a Client Auth Policy",
    );
  }
  if (VERSIONS.indexOf(raw.minVersion) > VERSIONS.indexOf(raw.maxVersion)) {
    at.field('min_version').fail(
      `min_version ${raw.minVersion} is greater than max_version ${raw.maxVersion}`,
    );
  }
  // Ignoring a restriction on who may connect would silently widen access, so refuse it.
  if (raw.clientAllowedSans.length > 0) at.field('client_allowed_sans').fail('not supported yet');
}

// A file setting wins over the inline PEM of the same item, as in exporter-toolkit.
function resolve(raw: RawTls, dir: string): WebTlsConfig {
  const tls: WebTlsConfig = {
    certFile: joinDir(dir, raw.certFile),
    keyFile: joinDir(dir, raw.keyFile),
    clientAuthType: CLIENT_AUTH[raw.clientAuthType],
    minVersion: raw.minVersion,
    maxVersion: raw.maxVersion,
    cipherSuites: raw.cipherSuites,
    curvePreferences: raw.curvePreferences,
    preferServerCipherSuites: raw.preferServerCipherSuites,
  };
  if (raw.certFile === '') tls.certificate = raw.certificate;
  if (raw.keyFile === '') tls.key = raw.key;
  if (raw.clientCaFile !== '') tls.clientCaFile = joinDir(dir, raw.clientCaFile);
  else if (raw.clientCa !== '') tls.clientCa = raw.clientCa;
  return tls;
}
