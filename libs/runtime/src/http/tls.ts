import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import type { SecureContextOptions, TLSSocket } from 'node:tls';
import { ConfigError } from '@promethium/config';
import type { ClientAuthType, WebTlsConfig } from '@promethium/config';
import { TLS_VERSIONS, opensslCiphers, opensslCurves } from './tls-names.js';

/** What a TLS server needs from a web config: context options and the client-certificate policy. */
export interface TlsSettings {
  context: SecureContextOptions;
  clientAuth: ClientAuthType;
  /** Whether the server asks clients for a certificate at all. */
  requestCert: boolean;
  /** Whether Node itself fails the handshake of a client without a CA-verified certificate. */
  rejectUnauthorized: boolean;
}

/**
 * Reads the certificate, key and client CA named by `tls` (inline PEM when no file is set)
 * and builds the context options: versions, cipher suites (Go names mapped to OpenSSL's),
 * curves and server cipher preference. The config package has already checked the PEM;
 * a file that vanished since, or a context OpenSSL refuses, is a ConfigError naming `file`.
 */
export async function loadTlsSettings(tls: WebTlsConfig, file: string): Promise<TlsSettings> {
  const fail = (field: string, detail: string, cause: unknown): never => {
    throw new ConfigError({ file, line: 0, column: 0, path: `tls_server_config${field}` }, detail, {
      cause,
    });
  };
  const pem = async (field: string, path: string | undefined, inline: string | undefined) => {
    if (path === undefined || path === '') return inline;
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      return fail(
        `.${field}`,
        `cannot read ${JSON.stringify(path)}: ${(err as Error).message}`,
        err,
      );
    }
  };
  const ciphers = opensslCiphers(tls.cipherSuites);
  const ecdhCurve = opensslCurves(tls.curvePreferences);
  const context: SecureContextOptions = {
    cert: await pem('cert_file', tls.certFile, tls.certificate),
    key: await pem('key_file', tls.keyFile, tls.key),
    ca: await pem('client_ca_file', tls.clientCaFile, tls.clientCa),
    minVersion: TLS_VERSIONS[tls.minVersion],
    maxVersion: TLS_VERSIONS[tls.maxVersion],
    honorCipherOrder: tls.preferServerCipherSuites,
    ...(ciphers === undefined ? {} : { ciphers }),
    ...(ecdhCurve === undefined ? {} : { ecdhCurve }),
  };
  try {
    createSecureContext(context);
  } catch (err) {
    fail('', `unusable TLS settings: ${(err as Error).message}`, err);
  }
  return {
    context,
    clientAuth: tls.clientAuthType,
    requestCert: tls.clientAuthType !== 'NoClientCert',
    rejectUnauthorized: tls.clientAuthType === 'RequireAndVerifyClientCert',
  };
}

/**
 * Why a finished handshake breaks the client-auth policy, or undefined when it is fine.
 * Covers the modes Node cannot enforce in the handshake itself.
 */
export function clientCertificateViolation(
  socket: TLSSocket,
  clientAuth: ClientAuthType,
): string | undefined {
  const presented = Object.keys(socket.getPeerCertificate()).length > 0;
  switch (clientAuth) {
    case 'NoClientCert':
    case 'RequestClientCert':
      return undefined;
    case 'RequireAnyClientCert':
      return presented ? undefined : 'client certificate required';
    case 'VerifyClientCertIfGiven':
    case 'RequireAndVerifyClientCert':
      if (!presented) {
        return clientAuth === 'VerifyClientCertIfGiven' ? undefined : 'client certificate required';
      }
      return socket.authorized
        ? undefined
        : `client certificate rejected: ${String(socket.authorizationError)}`;
  }
}
