import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import bcrypt from 'bcryptjs';
import { Registry } from 'prom-client';
import { basicAuth, fetchText } from '../testing/client.js';
import type { FetchOptions } from '../testing/client.js';
import { generateCertificates } from '../testing/certs.js';
import type { TestCertificates } from '../testing/certs.js';
import { logSink } from '../testing/log-sink.js';
import { startHttpServer } from './server.js';
import type { HttpServer } from './server.js';

let dir: string;
let certs: TestCertificates;
const pem: Record<'ca' | 'clientCert' | 'clientKey' | 'strangerCert' | 'strangerKey', Buffer> =
  {} as never;
const servers: HttpServer[] = [];
let configCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runtime-web-'));
  certs = await generateCertificates(dir);
  pem.ca = await readFile(certs.caCert);
  pem.clientCert = await readFile(certs.clientCert);
  pem.clientKey = await readFile(certs.clientKey);
  pem.strangerCert = await readFile(certs.strangerCert);
  pem.strangerKey = await readFile(certs.strangerKey);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tlsSection(clientAuth: string, extra = ''): string {
  return [
    'tls_server_config:',
    `  cert_file: ${certs.serverCert}`,
    `  key_file: ${certs.serverKey}`,
    `  client_auth_type: ${clientAuth}`,
    ...(clientAuth.includes('Verify') ? [`  client_ca_file: ${certs.caCert}`] : []),
    extra,
  ].join('\n');
}

async function writeConfig(
  text: string,
  file = join(dir, `web-${++configCount}.yml`),
): Promise<string> {
  await writeFile(file, text + '\n');
  return file;
}

async function start(webConfigFile: string): Promise<HttpServer> {
  const server = await startHttpServer({
    listenAddress: '127.0.0.1:0',
    webConfigFile,
    registry: new Registry(),
    logger: logSink().logger,
    isReady: () => true,
    reload: async () => undefined,
    name: 'Test',
    routes: (app) => app.get('/api/v1/query', (_req, res) => void res.json({ status: 'success' })),
  });
  servers.push(server);
  return server;
}

describe('TLS', () => {
  it('serves HTTPS with the configured certificate', async () => {
    const server = await start(await writeConfig(tlsSection('NoClientCert')));
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    const res = await fetchText(`${server.url}/-/healthy`, { ca: pem.ca });
    expect([res.status, res.body]).toEqual([200, 'Test is Healthy.\n']);
    await expect(fetchText(`${server.url}/-/healthy`)).rejects.toThrow(
      /self-signed|unable to verify/,
    );
  });

  type Client = 'none' | 'trusted' | 'stranger';
  const clientTls = (client: Client): FetchOptions => ({
    ca: pem.ca,
    ...(client === 'trusted' ? { cert: pem.clientCert, key: pem.clientKey } : {}),
    ...(client === 'stranger' ? { cert: pem.strangerCert, key: pem.strangerKey } : {}),
  });

  it.each<[string, Client, boolean]>([
    ['NoClientCert', 'none', true],
    ['RequestClientCert', 'none', true],
    ['RequestClientCert', 'stranger', true],
    ['RequireAnyClientCert', 'none', false],
    ['RequireAnyClientCert', 'stranger', true],
    ['VerifyClientCertIfGiven', 'none', true],
    ['VerifyClientCertIfGiven', 'trusted', true],
    ['VerifyClientCertIfGiven', 'stranger', false],
    ['RequireAndVerifyClientCert', 'none', false],
    ['RequireAndVerifyClientCert', 'stranger', false],
    ['RequireAndVerifyClientCert', 'trusted', true],
  ])(
    'client_auth_type %s with client certificate %s: accepted %s',
    async (mode, client, accepted) => {
      const server = await start(await writeConfig(tlsSection(mode)));
      const attempt = fetchText(`${server.url}/metrics`, clientTls(client));
      if (accepted) expect((await attempt).status).toBe(200);
      else await expect(attempt).rejects.toThrow();
    },
  );

  it('enforces min_version', async () => {
    const server = await start(
      await writeConfig(tlsSection('NoClientCert', '  min_version: TLS13')),
    );
    const tls12 = fetchText(`${server.url}/-/healthy`, { ca: pem.ca, maxVersion: 'TLSv1.2' });
    await expect(tls12).rejects.toThrow(/version|protocol/i);
    expect((await fetchText(`${server.url}/-/healthy`, { ca: pem.ca })).status).toBe(200);
  });

  it('maps cipher_suites to OpenSSL names and keeps TLS 1.3 available', async () => {
    const suites = '  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384]';
    const server = await start(await writeConfig(tlsSection('NoClientCert', suites)));
    const tls12 = { ca: pem.ca, maxVersion: 'TLSv1.2' as const };
    const other = fetchText(`${server.url}/-/healthy`, {
      ...tls12,
      ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256',
    });
    await expect(other).rejects.toThrow(/handshake|cipher/i);
    const listed = { ...tls12, ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' };
    expect((await fetchText(`${server.url}/-/healthy`, listed)).status).toBe(200);
    expect((await fetchText(`${server.url}/-/healthy`, { ca: pem.ca })).status).toBe(200);
  });

  it('maps curve_preferences to OpenSSL curve names', async () => {
    const curves = '  curve_preferences: [CurveP384]';
    const server = await start(await writeConfig(tlsSection('NoClientCert', curves)));
    const p256 = fetchText(`${server.url}/-/healthy`, { ca: pem.ca, ecdhCurve: 'P-256' });
    await expect(p256).rejects.toThrow();
    const p384 = await fetchText(`${server.url}/-/healthy`, { ca: pem.ca, ecdhCurve: 'P-384' });
    expect(p384.status).toBe(200);
  });

  it('refuses to start when the certificate file is missing', async () => {
    const file = await writeConfig(
      `tls_server_config:\n  cert_file: ${join(dir, 'missing.crt')}\n  key_file: ${certs.serverKey}`,
    );
    await expect(start(file)).rejects.toMatchObject({
      name: 'ConfigError',
      path: 'tls_server_config.cert_file',
    });
  });
});

describe('basic auth and headers', () => {
  const usersAndHeaders = (password: string): string =>
    [
      'basic_auth_users:',
      `  alice: ${bcrypt.hashSync(password, 4)}`,
      'http_server_config:',
      '  headers:',
      '    X-Frame-Options: deny',
      '    Strict-Transport-Security: max-age=31536000',
    ].join('\n');

  it.each([
    ['GET', '/metrics'],
    ['GET', '/-/healthy'],
    ['GET', '/-/ready'],
    ['POST', '/-/reload'],
    ['GET', '/api/v1/query'],
    ['GET', '/unknown'],
  ])('guards %s %s and adds the headers to every response', async (method, path) => {
    const server = await start(await writeConfig(usersAndHeaders('s3cret')));
    const url = `${server.url}${path}`;
    for (const authorization of [
      undefined,
      basicAuth('alice', 'wrong'),
      basicAuth('mallory', 's3cret'),
    ]) {
      const denied = await fetchText(url, {
        method,
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect([denied.status, denied.body]).toEqual([401, 'Unauthorized\n']);
      expect(denied.headers['www-authenticate']).toBe('Basic');
      expect(denied.headers['x-frame-options']).toBe('deny');
    }
    const allowed = await fetchText(url, {
      method,
      headers: { Authorization: basicAuth('alice', 's3cret') },
    });
    expect(allowed.status).toBe(path === '/unknown' ? 404 : 200);
    expect(allowed.headers['x-frame-options']).toBe('deny');
    expect(allowed.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('combines TLS with basic auth', async () => {
    const server = await start(
      await writeConfig(
        `${tlsSection('NoClientCert')}\nbasic_auth_users:\n  alice: ${bcrypt.hashSync('pw', 4)}`,
      ),
    );
    expect((await fetchText(`${server.url}/metrics`, { ca: pem.ca })).status).toBe(401);
    const ok = await fetchText(`${server.url}/metrics`, {
      ca: pem.ca,
      headers: { Authorization: basicAuth('alice', 'pw') },
    });
    expect(ok.status).toBe(200);
  });
});

describe('web config reload', () => {
  it('applies a changed password and keeps the old config when the new one is malformed', async () => {
    const file = await writeConfig(`basic_auth_users:\n  alice: ${bcrypt.hashSync('old', 4)}`);
    const server = await start(file);
    const status = async (password: string): Promise<number> =>
      (
        await fetchText(`${server.url}/-/healthy`, {
          headers: { Authorization: basicAuth('alice', password) },
        })
      ).status;
    expect(await status('old')).toBe(200);

    await writeConfig(`basic_auth_users:\n  alice: ${bcrypt.hashSync('new', 4)}`, file);
    await server.reloadWebConfig();
    expect([await status('old'), await status('new')]).toEqual([401, 200]);

    await writeConfig('basic_auth_users:\n  alice: [not, a, hash', file);
    await expect(server.reloadWebConfig()).rejects.toMatchObject({ name: 'ConfigError' });
    expect(await status('new')).toBe(200);

    await writeConfig('basic_auth_userz: {}', file);
    await expect(server.reloadWebConfig()).rejects.toMatchObject({ name: 'ConfigError' });
    expect(await status('new')).toBe(200);
  });

  it('switches the client-auth mode live and refuses to toggle TLS', async () => {
    const file = await writeConfig(tlsSection('NoClientCert'));
    const server = await start(file);
    expect((await fetchText(`${server.url}/-/healthy`, { ca: pem.ca })).status).toBe(200);

    await writeConfig(tlsSection('RequireAndVerifyClientCert'), file);
    await server.reloadWebConfig();
    await expect(fetchText(`${server.url}/-/healthy`, { ca: pem.ca })).rejects.toThrow();
    const withCert = { ca: pem.ca, cert: pem.clientCert, key: pem.clientKey };
    expect((await fetchText(`${server.url}/-/healthy`, withCert)).status).toBe(200);

    await writeConfig('http_server_config:\n  headers:\n    X-Frame-Options: deny', file);
    await expect(server.reloadWebConfig()).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringContaining('enabling or disabling TLS requires a restart'),
    });
    expect((await fetchText(`${server.url}/-/healthy`, withCert)).status).toBe(200);
  });
});

describe('web config at start', () => {
  it.each([
    ['a syntax error', 'basic_auth_users: [unclosed'],
    ['an unknown field', 'tls_server_confg: {}'],
    ['a certificate without a key', `tls_server_config:\n  cert_file: /nonexistent.crt`],
  ])('refuses %s with a ConfigError', async (_what, text) => {
    await expect(start(await writeConfig(text))).rejects.toMatchObject({ name: 'ConfigError' });
  });
});
