import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { reasonOf } from '../errors.js';
import type { Cursor } from '../yaml/cursor.js';

/** Reads a file referenced by the configuration; throws what the file system throws. */
export type ReadFile = (path: string) => string;

/** PEM text and where it came from, for messages. */
export interface PemSource {
  /** The field holding the PEM or the file name. */
  readonly at: Cursor;
  /** Inline PEM, or undefined when it is in `file`. */
  readonly inline: string | undefined;
  /** The resolved file path when not inline. */
  readonly file: string;
}

/**
 * Checks that the certificate and key parse and belong together, as exporter-toolkit does when
 * it loads them; files are read only when `read` is given (so parsing alone does no I/O).
 */
export function checkKeyPair(cert: PemSource, key: PemSource, read: ReadFile | undefined): void {
  const certPem = pemText(cert, read);
  const keyPem = pemText(key, read);
  const certificate = certPem === undefined ? undefined : parseCertificate(certPem, cert.at);
  const privateKey = keyPem === undefined ? undefined : parseKey(keyPem, key.at);
  if (certificate && privateKey && !certificate.checkPrivateKey(privateKey)) {
    key.at.fail('private key does not match the certificate');
  }
}

/** Checks that a client CA bundle starts with a parseable certificate. */
export function checkCaBundle(ca: PemSource, read: ReadFile | undefined): void {
  const pem = pemText(ca, read);
  if (pem !== undefined) parseCertificate(pem, ca.at);
}

function pemText(source: PemSource, read: ReadFile | undefined): string | undefined {
  if (source.inline !== undefined) return source.inline;
  if (read === undefined) return undefined;
  try {
    return read(source.file);
  } catch (err) {
    return source.at.fail(`cannot read ${JSON.stringify(source.file)}: ${reasonOf(err)}`);
  }
}

function parseCertificate(pem: string, at: Cursor): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    return at.fail('not a PEM-encoded X.509 certificate');
  }
}

function parseKey(pem: string, at: Cursor): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    return at.fail('not a PEM-encoded private key');
  }
}
