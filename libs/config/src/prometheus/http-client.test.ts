import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../errors.js';
import { parsePrometheusConfig } from './load.js';
import type { ScrapeHttpConfig } from './types.js';

const TESTDATA = fileURLToPath(new URL('../testdata/', import.meta.url));

/** The HTTP client settings of a one-job file whose job has `fields` (indented 4). */
function client(fields: string, file = '/etc/prometheus/prometheus.yml'): ScrapeHttpConfig {
  const text = `scrape_configs:\n  - job_name: a\n${fields}`;
  return parsePrometheusConfig(text, file).config.scrapeConfigs[0]!.httpClient;
}

function failure(fields: string): string {
  try {
    parsePrometheusConfig(`scrape_configs:\n  - job_name: a\n${fields}`, 'prometheus.yml');
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

// A block scalar holding a PEM file, indented for a field of tls_config.
async function inlinePem(name: string): Promise<string> {
  const pem = await readFile(join(TESTDATA, name), 'utf8');
  return '|\n' + pem.replace(/^/gm, '        ').trimEnd() + '\n';
}

const DEFAULTS: ScrapeHttpConfig = {
  tlsConfig: { serverName: '', insecureSkipVerify: false },
  followRedirects: true,
  enableHttp2: true,
  httpHeaders: {},
};

describe('scrape config HTTP client settings', () => {
  it("default to prometheus/common's: no credentials, verified TLS, redirects followed", () => {
    expect(client('')).toEqual(DEFAULTS);
    expect(client('    tls_config:\n    http_headers:\n    basic_auth:\n')).toEqual(DEFAULTS);
  });

  it('reads every setting, joining relative files to the config directory', () => {
    const settings = client(`    basic_auth:
      username: prometheus
      password_file: secrets/password
    tls_config:
      ca_file: ca.pem
      cert_file: /abs/client.pem
      key_file: client.key
      server_name: metrics.internal
      insecure_skip_verify: true
      min_version: TLS12
      max_version: TLS13
    follow_redirects: false
    enable_http2: false
    http_headers:
      X-Scope-OrgID:
        values: [tenant-1, tenant-2]
        secrets: [hidden]
        files: [headers/org]
      Cookie: {values: [a=b]}
`);
    expect(settings).toEqual({
      basicAuth: {
        username: { inline: 'prometheus' },
        password: { file: '/etc/prometheus/secrets/password' },
      },
      tlsConfig: {
        ca: { file: '/etc/prometheus/ca.pem' },
        cert: { file: '/abs/client.pem' },
        key: { file: '/etc/prometheus/client.key' },
        serverName: 'metrics.internal',
        insecureSkipVerify: true,
        minVersion: 'TLS12',
        maxVersion: 'TLS13',
      },
      followRedirects: false,
      enableHttp2: false,
      httpHeaders: {
        'X-Scope-OrgID': {
          values: ['tenant-1', 'tenant-2'],
          secrets: ['hidden'],
          files: ['/etc/prometheus/headers/org'],
        },
        Cookie: { values: ['a=b'], secrets: [], files: [] },
      },
    });
  });

  it('sends an empty basic_auth section as empty credentials', () => {
    expect(client('    basic_auth: {}\n').basicAuth).toEqual({});
  });

  it.each([
    [
      '    authorization: {credentials: t0k3n}\n',
      { type: 'Bearer', credentials: { inline: 't0k3n' } },
    ],
    ['    authorization: {type: "  "}\n', { type: 'Bearer' }],
    [
      '    authorization: {type: " Token ", credentials_file: token}\n',
      { type: 'Token', credentials: { file: '/etc/prometheus/token' } },
    ],
    ['    bearer_token: t0k3n\n', { type: 'Bearer', credentials: { inline: 't0k3n' } }],
    [
      '    bearer_token_file: token\n',
      { type: 'Bearer', credentials: { file: '/etc/prometheus/token' } },
    ],
  ])('reads %j as an Authorization header', (fields, authorization) => {
    expect(client(fields).authorization).toEqual(authorization);
  });

  it('accepts inline PEM for the CA and a matching client certificate and key', async () => {
    const cert = await inlinePem('server.crt');
    const key = await inlinePem('server.key');
    const tls = client(
      `    tls_config:\n      ca: ${cert}      cert: ${cert}      key: ${key}`,
    ).tlsConfig;
    expect(tls.ca).toEqual({ inline: expect.stringContaining('BEGIN CERTIFICATE') });
    expect(tls.cert).toEqual(tls.ca);
    expect(tls.key).toEqual({ inline: expect.stringContaining('PRIVATE KEY') });
  });
});

describe('scrape config HTTP client validation', () => {
  it.each([
    [
      '    bearer_token: a\n    bearer_token_file: b\n',
      'prometheus.yml:4:24: scrape_configs[0].bearer_token_file: at most one of bearer_token & bearer_token_file must be configured',
    ],
    [
      '    basic_auth: {username: u}\n    bearer_token: a\n',
      'prometheus.yml:3:17: scrape_configs[0].basic_auth: at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured',
    ],
    [
      '    basic_auth: {username: u, username_file: f}\n',
      'prometheus.yml:3:46: scrape_configs[0].basic_auth.username_file: at most one of basic_auth username, username_file & username_ref must be configured',
    ],
    [
      '    basic_auth:\n      password: p\n      password_file: f\n',
      'prometheus.yml:5:22: scrape_configs[0].basic_auth.password_file: at most one of basic_auth password, password_file & password_ref must be configured',
    ],
    [
      '    authorization: {credentials: c}\n    bearer_token_file: f\n',
      'prometheus.yml:3:20: scrape_configs[0].authorization: authorization is not compatible with bearer_token & bearer_token_file',
    ],
    [
      '    authorization: {credentials: c, credentials_file: f}\n',
      'prometheus.yml:3:55: scrape_configs[0].authorization.credentials_file: at most one of authorization credentials & credentials_file must be configured',
    ],
    [
      '    authorization: {type: Basic}\n',
      'prometheus.yml:3:27: scrape_configs[0].authorization.type: authorization type cannot be set to "basic", use "basic_auth" instead',
    ],
    [
      '    basic_auth: {username: u}\n    authorization: {credentials: c}\n',
      'prometheus.yml:4:20: scrape_configs[0].authorization: at most one of basic_auth, oauth2 & authorization must be configured',
    ],
    [
      '    basic_auth: {password_ref: vault-secret}\n',
      'prometheus.yml:3:32: scrape_configs[0].basic_auth.password_ref: cannot use secret ref without manager',
    ],
    [
      '    authorization: {credentials_ref: vault-secret}\n',
      'prometheus.yml:3:38: scrape_configs[0].authorization.credentials_ref: cannot use secret ref without manager',
    ],
    [
      '    tls_config: {ca: x, ca_file: f}\n',
      'prometheus.yml:3:34: scrape_configs[0].tls_config.ca_file: at most one of ca, ca_file & ca_ref must be configured',
    ],
    [
      '    tls_config: {cert: x, cert_file: f, key_file: k}\n',
      'prometheus.yml:3:38: scrape_configs[0].tls_config.cert_file: at most one of cert, cert_file & cert_ref must be configured',
    ],
    [
      '    tls_config: {cert_file: c, key: x, key_file: f}\n',
      'prometheus.yml:3:50: scrape_configs[0].tls_config.key_file: at most one of key and key_file must be configured',
    ],
    [
      '    tls_config:\n      cert_file: c\n',
      'prometheus.yml:4:7: scrape_configs[0].tls_config.key: exactly one of key or key_file must be configured when a client certificate is configured',
    ],
    [
      '    tls_config: {key_file: k}\n',
      'prometheus.yml:3:17: scrape_configs[0].tls_config.cert: exactly one of cert or cert_file must be configured when a client key is configured',
    ],
    [
      '    tls_config: {key_ref: k}\n',
      'prometheus.yml:3:27: scrape_configs[0].tls_config.key_ref: cannot use secret ref without manager',
    ],
    [
      '    tls_config: {min_version: TLS14}\n',
      'prometheus.yml:3:31: scrape_configs[0].tls_config.min_version: unknown TLS version: TLS14',
    ],
    [
      '    tls_config: {min_version: TLS13, max_version: TLS12}\n',
      'prometheus.yml:3:51: scrape_configs[0].tls_config.max_version: tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified',
    ],
    [
      '    tls_config: {ca: not a certificate}\n',
      'prometheus.yml:3:22: scrape_configs[0].tls_config.ca: not a PEM-encoded X.509 certificate',
    ],
    [
      '    http_headers:\n      user-agent: {values: [curl]}\n',
      'prometheus.yml:4:7: scrape_configs[0].http_headers.user-agent: setting header "User-Agent" is not allowed',
    ],
    [
      '    http_headers:\n      Authorization: {secrets: [x]}\n',
      'prometheus.yml:4:7: scrape_configs[0].http_headers.Authorization: setting header "Authorization" is not allowed',
    ],
    [
      '    http_headers:\n      "X Org": {values: [a]}\n',
      'prometheus.yml:4:7: scrape_configs[0].http_headers.X Org: invalid header field name "X Org"',
    ],
    [
      '    http_headers:\n      X-Org: {values: ["a\\r\\nX-Evil: 1"]}\n',
      'prometheus.yml:4:24: scrape_configs[0].http_headers.X-Org.values[0]: header value contains a control character',
    ],
    [
      '    http_headers:\n      X-Org: {value: [a]}\n',
      'prometheus.yml:4:15: scrape_configs[0].http_headers.X-Org.value: unknown field',
    ],
  ])('refuses %j', (fields, message) => {
    expect(failure(fields)).toBe(message);
  });

  it('refuses a client key that does not belong to the certificate', async () => {
    const cert = await inlinePem('server.crt');
    const key = await inlinePem('other.key');
    expect(failure(`    tls_config:\n      cert: ${cert}      key: ${key}`)).toMatch(
      /^prometheus\.yml:\d+:12: scrape_configs\[0\]\.tls_config\.key: private key does not match the certificate$/,
    );
  });
});
