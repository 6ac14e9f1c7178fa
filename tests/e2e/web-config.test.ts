import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { createTestCertificates } from '@promethium/bus/testing';
import { Service, freePort, waitFor } from './harness.js';

interface Reply {
  status: number;
  body: string;
}

describe('--web.config.file: TLS and basic auth on every endpoint', () => {
  let dir: string;
  let port: number;
  let ca: Buffer;
  let all: Service;

  const get = (path: string, auth?: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const headers = auth
        ? { authorization: `Basic ${Buffer.from(auth).toString('base64')}` }
        : undefined;
      const req = request(
        { host: '127.0.0.1', port, path, ca, headers, servername: 'localhost' },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-web-'));
    const certs = await createTestCertificates(dir);
    ca = await readFile(certs.caFile);
    const webConfig = join(dir, 'web.yml');
    await writeFile(
      webConfig,
      [
        'tls_server_config:',
        `  cert_file: ${certs.serverCertFile}`,
        `  key_file: ${certs.serverKeyFile}`,
        'basic_auth_users:',
        `  admin: ${bcrypt.hashSync('s3cret', 4)}`,
        '',
      ].join('\n'),
    );
    const config = join(dir, 'prometheus.yml');
    await writeFile(config, 'scrape_configs: []\n');
    port = await freePort();
    all = new Service('all', [
      'all',
      `--config.file=${config}`,
      `--web.config.file=${webConfig}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
    ]);
    await waitFor('the HTTPS server to be ready', async () =>
      (await get('/-/ready', 'admin:s3cret')).status === 200 ? true : undefined,
    );
  });

  afterAll(async () => {
    expect(await all.stop()).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['/metrics', '/-/healthy', '/-/ready', '/api/v1/query?query=up'])(
    'refuses %s without credentials',
    async (path) => {
      expect((await get(path)).status).toBe(401);
      expect((await get(path, 'admin:wrong')).status).toBe(401);
    },
  );

  it('serves the API over TLS to an authenticated user', async () => {
    const reply = await get('/api/v1/query?query=vector_that_does_not_exist', 'admin:s3cret');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [] },
    });
    expect((await get('/metrics', 'admin:s3cret')).body).toContain('process_cpu_seconds_total');
  });
});
