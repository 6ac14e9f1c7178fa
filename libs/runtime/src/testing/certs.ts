import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';

/** Paths of a test PKI: a CA, a server certificate for 127.0.0.1/localhost, and a client certificate. */
export interface TestCertificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A certificate/key pair from an unrelated CA, for "wrong CA" cases. */
  strangerCert: string;
  strangerKey: string;
}

/** Generates a fresh P-256 test PKI with /usr/bin/openssl into `dir` (test-only). */
export async function generateCertificates(dir: string): Promise<TestCertificates> {
  const p = (name: string): string => join(dir, name);
  await selfSigned(p('ca.key'), p('ca.crt'), 'promethium-test-ca');
  await selfSigned(p('stranger.key'), p('stranger.crt'), 'stranger');
  await writeFile(p('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await writeFile(p('client.ext'), 'extendedKeyUsage=clientAuth\n');
  await signed(dir, 'server', 'localhost');
  await signed(dir, 'client', 'test-client');
  return {
    caCert: p('ca.crt'),
    serverCert: p('server.crt'),
    serverKey: p('server.key'),
    clientCert: p('client.crt'),
    clientKey: p('client.key'),
    strangerCert: p('stranger.crt'),
    strangerKey: p('stranger.key'),
  };
}

const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

async function selfSigned(key: string, cert: string, cn: string): Promise<void> {
  await run(OPENSSL, [
    'req',
    '-x509',
    ...NEW_KEY,
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${cn}`,
  ]);
}

async function signed(dir: string, name: string, cn: string): Promise<void> {
  const p = (suffix: string): string => join(dir, `${name}.${suffix}`);
  await run(OPENSSL, [
    'req',
    ...NEW_KEY,
    '-keyout',
    p('key'),
    '-out',
    p('csr'),
    '-subj',
    `/CN=${cn}`,
  ]);
  await run(OPENSSL, [
    'x509',
    '-req',
    '-in',
    p('csr'),
    '-CA',
    join(dir, 'ca.crt'),
    '-CAkey',
    join(dir, 'ca.key'),
    '-CAcreateserial',
    '-out',
    p('crt'),
    '-days',
    '2',
    '-extfile',
    p('ext'),
  ]);
}
