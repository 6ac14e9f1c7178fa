import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, ConfigReadError } from '../errors.js';
import { loadWebConfig, parseWebConfig } from './load.js';

const TESTDATA = fileURLToPath(new URL('../testdata/', import.meta.url));
const HASH = '$2y$10$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprsJPze';

function failure(text: string): string {
  try {
    parseWebConfig(text, 'web.yml');
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

// A block scalar holding a PEM file, indented for a field of tls_server_config.
async function inline(name: string): Promise<string> {
  const pem = await readFile(join(TESTDATA, name), 'utf8');
  return '|\n' + pem.replace(/^/gm, '    ').trimEnd() + '\n';
}

const TLS_DEFAULTS = {
  clientAuthType: 'NoClientCert',
  minVersion: 'TLS12',
  maxVersion: 'TLS13',
  cipherSuites: [],
  curvePreferences: [],
  preferServerCipherSuites: true,
};

describe('parseWebConfig', () => {
  it.each([
    ['an empty file', ''],
    ['empty sections', 'tls_server_config:\nhttp_server_config:\nbasic_auth_users:\n'],
    [
      'TLS settings that do not enable TLS',
      'tls_server_config:\n  min_version: TLS13\n  cipher_suites: [TLS_AES_128_GCM_SHA256]\n',
    ],
  ])('loads %s as plain HTTP without authentication', (_name, text) => {
    expect(parseWebConfig(text, 'web.yml')).toEqual({
      basicAuthUsers: {},
      httpHeaders: {},
      http2: true,
      warnings: [],
    });
  });

  it('loads the exporter-toolkit example, joining file paths to its directory', () => {
    const text = `# TLS and basic authentication configuration example.
tls_server_config:
  cert_file: server.crt
  key_file: /etc/tls/server.key

basic_auth_users:
  alice: ${HASH}
  bob: '$2b$12$hLqFl9jSjoAAy95Z/zw8Ye8wkdMBM8c5Bn1ptYqP/AXyV0.oy0S8m'

rate_limit:
  interval: "1s"
  burst: 20
`;
    expect(parseWebConfig(text, '/etc/prometheus/web.yml')).toEqual({
      tls: {
        ...TLS_DEFAULTS,
        certFile: '/etc/prometheus/server.crt',
        keyFile: '/etc/tls/server.key',
      },
      basicAuthUsers: {
        alice: HASH,
        bob: '$2b$12$hLqFl9jSjoAAy95Z/zw8Ye8wkdMBM8c5Bn1ptYqP/AXyV0.oy0S8m',
      },
      httpHeaders: {},
      http2: true,
      warnings: ['/etc/prometheus/web.yml:10:1: rate_limit: not supported yet, ignored'],
    });
  });

  it('loads every TLS and HTTP setting', () => {
    const text = `tls_server_config:
  cert_file: tls/server.crt
  key_file: tls/server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: tls/ca.crt
  min_version: TLS13
  max_version: TLS13
  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]
  curve_preferences: [X25519, CurveP256]
  prefer_server_cipher_suites: false
http_server_config:
  http2: false
  headers:
    X-Frame-Options: deny
    X-Content-Type-Options: nosniff
    Strict-Transport-Security: max-age=31536000
    Content-Security-Policy: default-src 'self'
`;
    expect(parseWebConfig(text, 'conf/web.yml')).toEqual({
      tls: {
        certFile: 'conf/tls/server.crt',
        keyFile: 'conf/tls/server.key',
        clientAuthType: 'RequireAndVerifyClientCert',
        clientCaFile: 'conf/tls/ca.crt',
        minVersion: 'TLS13',
        maxVersion: 'TLS13',
        cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'],
        curvePreferences: ['X25519', 'CurveP256'],
        preferServerCipherSuites: false,
      },
      basicAuthUsers: {},
      httpHeaders: {
        'X-Frame-Options': 'deny',
        'X-Content-Type-Options': 'nosniff',
        'Strict-Transport-Security': 'max-age=31536000',
        'Content-Security-Policy': "default-src 'self'",
      },
      http2: false,
      warnings: [],
    });
  });

  it('accepts the legacy RequireClientCert name', () => {
    const text =
      'tls_server_config: {cert_file: a.crt, key_file: a.key, client_auth_type: RequireClientCert}\n';
    expect(parseWebConfig(text, 'web.yml').tls?.clientAuthType).toBe('RequireAnyClientCert');
  });

  it('checks inline PEM and prefers a file over inline text', async () => {
    const cert = await inline('server.crt');
    const key = await inline('server.key');
    const both = parseWebConfig(
      `tls_server_config:\n  cert: ${cert}  key: ${key}  client_auth_type: VerifyClientCertIfGiven\n  client_ca: ${cert}`,
      'web.yml',
    );
    expect(both.tls).toMatchObject({
      certFile: '',
      keyFile: '',
      certificate: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(both.tls?.key).toContain('PRIVATE KEY');
    expect(both.tls?.clientCa).toContain('BEGIN CERTIFICATE');
    const fileWins = parseWebConfig(
      `tls_server_config:\n  cert: ${cert}  cert_file: server.crt\n  key_file: server.key\n`,
      'web.yml',
    );
    expect(fileWins.tls).toMatchObject({ certFile: 'server.crt', keyFile: 'server.key' });
    expect(fileWins.tls).not.toHaveProperty('certificate');
  });

  it.each([
    [
      'an unknown field',
      'tls_server_config:\n  cert_filse: "server.crt"\n',
      'web.yml:2:3: tls_server_config.cert_filse: unknown field',
    ],
    [
      'a missing certificate',
      'tls_server_config:\n  cert: ""\n  key_file: server.key\n',
      'web.yml:2:3: tls_server_config.cert_file: missing one of cert or cert_file',
    ],
    [
      'a missing key',
      'tls_server_config:\n  cert_file: server.crt\n',
      'web.yml:2:3: tls_server_config.key_file: missing one of key or key_file',
    ],
    [
      'client auth alone',
      'tls_server_config:\n  client_auth_type: RequestClientCert\n',
      'web.yml:2:3: tls_server_config.cert_file: missing one of cert or cert_file',
    ],
    [
      'a verifying client auth type without CA',
      'tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n  client_auth_type: "RequireAndVerifyClientCert"\n',
      'web.yml:4:21: tls_server_config.client_auth_type: client_ca_file is required for client_auth_type "RequireAndVerifyClientCert"',
    ],
    [
      'VerifyClientCertIfGiven without CA',
      'tls_server_config: {cert_file: a.crt, key_file: a.key, client_auth_type: VerifyClientCertIfGiven}\n',
      'web.yml:1:74: tls_server_config.client_auth_type: client_ca_file is required for client_auth_type "VerifyClientCertIfGiven"',
    ],
    [
      'a client CA without client auth',
      'tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n  client_ca_file: "/dev/null"\n',
      "web.yml:4:19: tls_server_config.client_ca_file: client CA's have been configured without a Client Auth Policy",
    ],
    [
      'an unknown client auth type',
      'tls_server_config: {cert_file: a.crt, key_file: a.key, client_auth_type: Always}\n',
      'web.yml:1:74: tls_server_config.client_auth_type: must be one of "", "NoClientCert", "RequestClientCert", "RequireAnyClientCert", "RequireClientCert", "VerifyClientCertIfGiven", "RequireAndVerifyClientCert"; got "Always"',
    ],
    [
      'an unknown cipher',
      'tls_server_config:\n  cipher_suites: [TLS_INVENTED_CIPHER]\n',
      'web.yml:2:19: tls_server_config.cipher_suites[0]: unknown cipher "TLS_INVENTED_CIPHER"',
    ],
    [
      'an unknown curve',
      'tls_server_config:\n  curve_preferences: [CurveP999]\n',
      'web.yml:2:23: tls_server_config.curve_preferences[0]: unknown curve "CurveP999"',
    ],
    [
      'an unknown TLS version',
      'tls_server_config:\n  min_version: TLS111\n',
      'web.yml:2:16: tls_server_config.min_version: must be one of "TLS10", "TLS11", "TLS12", "TLS13"; got "TLS111"',
    ],
    [
      'a minimum above the maximum version',
      'tls_server_config: {cert_file: a, key_file: b, min_version: TLS13, max_version: TLS12}\n',
      'web.yml:1:61: tls_server_config.min_version: min_version TLS13 is greater than max_version TLS12',
    ],
    [
      'client SAN restrictions, which are refused rather than ignored',
      'tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca\n  client_allowed_sans: [one]\n',
      'web.yml:6:24: tls_server_config.client_allowed_sans: not supported yet',
    ],
    [
      'a header that cannot be set',
      'http_server_config:\n  headers:\n    Server: me\n',
      'web.yml:3:5: http_server_config.headers.Server: HTTP header "Server" can not be configured',
    ],
    [
      'a header value that is not allowed',
      'http_server_config:\n  headers:\n    X-Frame-Options: allow\n',
      'web.yml:3:22: http_server_config.headers.X-Frame-Options: invalid value for X-Frame-Options: expected one of "deny", "sameorigin", got "allow"',
    ],
    [
      'a password that is not a bcrypt hash',
      'basic_auth_users:\n  john: doe\n',
      'web.yml:2:9: basic_auth_users.john: password is not a bcrypt hash',
    ],
    [
      'a bcrypt cost out of range',
      `basic_auth_users:\n  john: ${HASH.replace('$10$', '$32$')}\n`,
      'web.yml:2:9: basic_auth_users.john: password is not a bcrypt hash',
    ],
    [
      'a quoted http2 flag',
      'http_server_config:\n  http2: "false"\n',
      'web.yml:2:10: http_server_config.http2: expected a boolean, got a quoted string',
    ],
    [
      'junk',
      'tls_server_config: [junk]\n',
      'web.yml:1:20: tls_server_config: expected a mapping, got a sequence',
    ],
    [
      'an inline certificate that is not PEM',
      'tls_server_config:\n  cert: not a certificate\n  key_file: a.key\n',
      'web.yml:2:9: tls_server_config.cert: not a PEM-encoded X.509 certificate',
    ],
  ])('reports %s', (_name, text, message) => {
    expect(failure(text)).toBe(message);
  });

  it('reports an inline key that does not belong to the certificate', async () => {
    const text = `tls_server_config:\n  cert: ${await inline('server.crt')}  key: ${await inline('other.key')}`;
    expect(failure(text)).toMatch(
      /^web\.yml:\d+:8: tls_server_config\.key: private key does not match the certificate$/,
    );
  });
});

describe('loadWebConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-webconfig-'));
    for (const name of ['server.crt', 'server.key', 'other.key'])
      await copyFile(join(TESTDATA, name), join(dir, name));
    await writeFile(join(dir, 'garbage.pem'), 'not a certificate\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function load(text: string) {
    const path = join(dir, 'web.yml');
    await writeFile(path, text);
    return loadWebConfig(path);
  }

  it('reads and checks the certificate, key and CA files', async () => {
    const config = await load(
      'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: server.crt\n',
    );
    expect(config.tls).toEqual({
      ...TLS_DEFAULTS,
      clientAuthType: 'RequireAndVerifyClientCert',
      certFile: join(dir, 'server.crt'),
      keyFile: join(dir, 'server.key'),
      clientCaFile: join(dir, 'server.crt'),
    });
  });

  it.each([
    [
      'a missing certificate file',
      'tls_server_config: {cert_file: nope.crt, key_file: server.key}\n',
      /^web\.yml:1:32: tls_server_config\.cert_file: cannot read ".*nope\.crt": ENOENT/,
    ],
    [
      'a key of another certificate',
      'tls_server_config: {cert_file: server.crt, key_file: other.key}\n',
      /^web\.yml:1:54: tls_server_config\.key_file: private key does not match the certificate$/,
    ],
    [
      'a key file holding a certificate',
      'tls_server_config: {cert_file: server.crt, key_file: server.crt}\n',
      /^web\.yml:1:54: tls_server_config\.key_file: not a PEM-encoded private key$/,
    ],
    [
      'a CA file that is not PEM',
      'tls_server_config: {cert_file: server.crt, key_file: server.key, client_auth_type: RequestClientCert, client_ca_file: garbage.pem}\n',
      /^web\.yml:1:119: tls_server_config\.client_ca_file: not a PEM-encoded X\.509 certificate$/,
    ],
  ])('reports %s', async (_name, text, message) => {
    const error = await load(text).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.slice(dir.length + 1)).toMatch(message);
  });

  it('raises ConfigReadError for a missing file', async () => {
    await expect(loadWebConfig(join(dir, 'missing.yml'))).rejects.toBeInstanceOf(ConfigReadError);
  });
});
