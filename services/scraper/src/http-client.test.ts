import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { createTestCertificates } from '@promethium/bus/testing';
import type { TestCertificates } from '@promethium/bus/testing';
import { parsePrometheusConfig } from '@promethium/config';
import {
  BodySizeLimitError,
  HttpStatusError,
  USER_AGENT,
  createScrapeClient,
} from './http-client.js';
import type { ScrapeClient } from './http-client.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const ACCEPT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';

let dir: string;
let certs: TestCertificates;
const servers: Server[] = [];
const clients: ScrapeClient[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promethium-http-client-'));
  certs = await createTestCertificates(join(dir, 'tls'));
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts a loopback server; returns its base URL (`https` when TLS options are given). */
async function serve(handler: Handler, tls?: ServerOptions): Promise<string> {
  const server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
}

/** A client for a job with `fields` (indented 4), its config file in the test directory. */
function client(fields = ''): ScrapeClient {
  const text = `scrape_configs:\n  - job_name: test\n${fields}`;
  const { config } = parsePrometheusConfig(text, join(dir, 'prometheus.yml'));
  const scrapeClient = createScrapeClient(config.scrapeConfigs[0]!);
  clients.push(scrapeClient);
  return scrapeClient;
}

function fetch(scrapeClient: ScrapeClient, url: string, signal = new AbortController().signal) {
  return scrapeClient.fetch(url, { timeoutMs: 1500, signal, accept: ACCEPT });
}

/** A handler answering with `body` and recording each request. */
function recording(body = 'up 1\n'): { handler: Handler; requests: IncomingMessage[] } {
  const requests: IncomingMessage[] = [];
  const handler: Handler = (req, res) => {
    requests.push(req);
    res.setHeader('Content-Type', 'text/plain; version=0.0.4');
    res.end(body);
  };
  return { handler, requests };
}

/** What `promise` rejects with; errors made by Node itself may come from another realm. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const rejected = Symbol('not rejected');
  const result = await promise.then(
    () => rejected,
    (err: unknown) => err,
  );
  if (result === rejected) throw new Error('expected a rejection');
  return result as Error;
}

describe('scrape client over HTTP', () => {
  it("returns the body and content type, sending Prometheus's scrape headers", async () => {
    const { handler, requests } = recording();
    const base = await serve(handler);
    await expect(fetch(client(), `${base}/metrics?a=1`)).resolves.toEqual({
      body: 'up 1\n',
      contentType: 'text/plain; version=0.0.4',
    });
    expect(requests[0]!.url).toBe('/metrics?a=1');
    expect(requests[0]!.headers).toMatchObject({
      accept: ACCEPT,
      'accept-encoding': 'gzip',
      'user-agent': USER_AGENT,
      'x-prometheus-scrape-timeout-seconds': '1.5',
    });
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  it('asks for an identity encoding when compression is disabled', async () => {
    const { handler, requests } = recording();
    const base = await serve(handler);
    await fetch(client('    enable_compression: false\n'), base);
    expect(requests[0]!.headers['accept-encoding']).toBe('identity');
  });

  it('decodes a gzip body', async () => {
    const base = await serve((_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(gzipSync('up 1\n'));
    });
    await expect(fetch(client(), base)).resolves.toEqual({
      body: 'up 1\n',
      contentType: undefined,
    });
  });

  it.each([
    [404, 'server returned HTTP status 404 Not Found'],
    [500, 'server returned HTTP status 500 Internal Server Error'],
  ])('reports status %d as Prometheus does', async (status, message) => {
    const base = await serve((_req, res) => {
      res.statusCode = status;
      res.end('error page');
    });
    const err = await rejection(fetch(client(), base));
    expect(err).toBeInstanceOf(HttpStatusError);
    expect(err).toMatchObject({ message, statusCode: status });
  });

  it('names the URL when no response comes', async () => {
    const base = await serve(recording().handler);
    const url = `${base}/metrics`;
    for (const server of servers.splice(0)) {
      server.close();
      await once(server, 'close');
    }
    expect((await rejection(fetch(client(), url))).message).toMatch(
      new RegExp(`^Get "${url}": connect ECONNREFUSED`),
    );
  });

  it("rejects with the signal's reason on a timeout or an abort", async () => {
    const base = await serve(() => undefined);
    const timedOut = await rejection(fetch(client(), base, AbortSignal.timeout(50)));
    expect(timedOut.name).toBe('TimeoutError');
    const stop = new AbortController();
    const pending = fetch(client(), base, stop.signal);
    const reason = new Error('stopping');
    setTimeout(() => stop.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('body_size_limit', () => {
  const limited = () => client('    body_size_limit: 1KB\n');
  const sized = (bytes: number) => 'x'.repeat(bytes);

  it('accepts a body below the limit and refuses one that reaches it, as Prometheus does', async () => {
    let size = 1023;
    const base = await serve((_req, res) => res.end(sized(size)));
    await expect(fetch(limited(), base)).resolves.toMatchObject({ body: sized(1023) });
    size = 1024;
    const err = await rejection(fetch(limited(), base));
    expect(err).toBeInstanceOf(BodySizeLimitError);
    expect(err.message).toBe('body size limit exceeded');
  });

  it('stops reading an endless body at the limit and closes the connection', async () => {
    let closed: Promise<unknown> | undefined;
    const base = await serve((_req, res) => {
      closed = once(res, 'close');
      const write = () => {
        while (res.write(sized(16 * 1024)));
      };
      res.on('drain', write);
      write();
    });
    // Without the limit this would end in a timeout instead.
    const err = await rejection(fetch(limited(), base, AbortSignal.timeout(5000)));
    expect(err).toBeInstanceOf(BodySizeLimitError);
    await closed;
  });

  it('applies to the decoded size of a gzip body', async () => {
    let size = 1000;
    const base = await serve((_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(gzipSync(sized(size)));
    });
    await expect(fetch(limited(), base)).resolves.toMatchObject({ body: sized(1000) });
    size = 10 * 1024 * 1024;
    await expect(fetch(limited(), base)).rejects.toBeInstanceOf(BodySizeLimitError);
  });
});

describe('redirects', () => {
  // Redirects /hop/N to /hop/N-1 and answers /hop/0; records every request.
  function hops(origin: () => string) {
    const requests: IncomingMessage[] = [];
    const handler: Handler = (req, res) => {
      requests.push(req);
      const n = Number(req.url!.split('/')[2]);
      if (n === 0) return void res.end('up 1\n');
      res.statusCode = 302;
      res.setHeader('Location', `${origin()}/hop/${n - 1}`);
      res.end();
    };
    return { handler, requests };
  }

  it('are followed by default, keeping credentials on the same host', async () => {
    let base = '';
    const { handler, requests } = hops(() => base);
    base = await serve(handler);
    await expect(fetch(client('    bearer_token: t\n'), `${base}/hop/2`)).resolves.toMatchObject({
      body: 'up 1\n',
    });
    expect(requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/hop/2', 'Bearer t'],
      ['/hop/1', 'Bearer t'],
      ['/hop/0', 'Bearer t'],
    ]);
  });

  it('drop credentials and cookies once they lead to another host', async () => {
    let other = '';
    const { handler, requests } = hops(() => other);
    const base = await serve(handler);
    other = base.replace('127.0.0.1', 'localhost');
    const fields =
      '    basic_auth: {username: u}\n    http_headers: {Cookie: {values: [c=1]}, X-A: {values: [a]}}\n';
    await fetch(client(fields), `${base}/hop/1`);
    expect(
      requests.map((r) => [r.headers.authorization, r.headers.cookie, r.headers['x-a']]),
    ).toEqual([
      ['Basic ' + Buffer.from('u:').toString('base64'), 'c=1', 'a'],
      [undefined, undefined, 'a'],
    ]);
  });

  it('are returned as a status error when not followed', async () => {
    let base = '';
    const { handler, requests } = hops(() => base);
    base = await serve(handler);
    const err = await rejection(fetch(client('    follow_redirects: false\n'), `${base}/hop/1`));
    expect(err.message).toBe('server returned HTTP status 302 Found');
    expect(requests).toHaveLength(1);
  });

  it('stop at the tenth redirect, as in Go', async () => {
    let base = '';
    const { handler, requests } = hops(() => base);
    base = await serve(handler);
    await expect(fetch(client(), `${base}/hop/9`)).resolves.toMatchObject({ body: 'up 1\n' });
    requests.length = 0;
    const err = await rejection(fetch(client(), `${base}/hop/10`));
    expect(err.message).toBe(`Get "${base}/hop/0": stopped after 10 redirects`);
    expect(requests).toHaveLength(10);
  });
});

describe('credentials and headers', () => {
  it('sends basic auth with the password read from a file', async () => {
    await writeFile(join(dir, 'password'), 's3cret\n');
    const { handler, requests } = recording();
    const base = await serve(handler);
    await fetch(client('    basic_auth: {username: prometheus, password_file: password}\n'), base);
    const expected = Buffer.from('prometheus:s3cret').toString('base64');
    expect(requests[0]!.headers.authorization).toBe(`Basic ${expected}`);
  });

  it('re-reads a bearer token file on every scrape', async () => {
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, 'first\n');
    const { handler, requests } = recording();
    const base = await serve(handler);
    const scrapeClient = client('    bearer_token_file: token\n');
    await fetch(scrapeClient, base);
    await writeFile(tokenFile, 'second');
    await fetch(scrapeClient, base);
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer first', 'Bearer second']);
  });

  it('sends an authorization of the configured type', async () => {
    const { handler, requests } = recording();
    const base = await serve(handler);
    await fetch(client('    authorization: {type: Token, credentials: abc}\n'), base);
    expect(requests[0]!.headers.authorization).toBe('Token abc');
  });

  it('fails the scrape when a credentials file cannot be read', async () => {
    const base = await serve(recording().handler);
    const missing = join(dir, 'missing-token');
    const err = await rejection(fetch(client(`    bearer_token_file: ${missing}\n`), base));
    expect(err.message).toMatch(
      new RegExp(
        `^Get "${base}/": unable to read authorization credentials: unable to read file ${missing}: ENOENT`,
      ),
    );
  });

  it('adds configured headers from values, secrets and files', async () => {
    await writeFile(join(dir, 'org'), ' from-file \n');
    const { handler, requests } = recording();
    const base = await serve(handler);
    await fetch(
      client(`    http_headers:
      X-Scope-OrgID: {values: [a, b], secrets: [c], files: [org]}
      accept: {values: [application/json]}
`),
      base,
    );
    expect(requests[0]!.headersDistinct).toMatchObject({
      'x-scope-orgid': ['a', 'b', 'c', 'from-file'],
      accept: [ACCEPT, 'application/json'],
    });
  });
});

describe('scrape client over HTTPS', () => {
  const tlsServer = async (options: ServerOptions = {}, handler = recording().handler) =>
    serve(handler, {
      cert: await readFile(certs.serverCertFile),
      key: await readFile(certs.serverKeyFile),
      ...options,
    });

  it('verifies the target against the configured CA', async () => {
    const base = await tlsServer();
    await expect(
      fetch(client(`    tls_config: {ca_file: ${certs.caFile}}\n`), base),
    ).resolves.toMatchObject({
      body: 'up 1\n',
    });
    const untrusted = await rejection(fetch(client(), base));
    expect(untrusted.message).toMatch(new RegExp(`^Get "${base}/": .*certificate`));
    await expect(
      fetch(client('    tls_config: {insecure_skip_verify: true}\n'), base),
    ).resolves.toMatchObject({
      body: 'up 1\n',
    });
  });

  it('checks the certificate against server_name when set', async () => {
    const base = await tlsServer();
    const named = (name: string) =>
      client(`    tls_config: {ca_file: ${certs.caFile}, server_name: ${name}}\n`);
    await expect(fetch(named('localhost'), base)).resolves.toMatchObject({ body: 'up 1\n' });
    const mismatch = await rejection(fetch(named('metrics.example'), base));
    expect(mismatch.message).toMatch(/does not match certificate's altnames/);
  });

  it('presents the client certificate to a server that requires one', async () => {
    const { handler, requests } = recording();
    const options = {
      ca: await readFile(certs.caFile),
      requestCert: true,
      rejectUnauthorized: true,
    };
    const base = await tlsServer(options, handler);
    const withCert = client(`    tls_config:
      ca_file: ${certs.caFile}
      cert_file: ${certs.clientCertFile}
      key_file: ${certs.clientKeyFile}
`);
    await expect(fetch(withCert, base)).resolves.toMatchObject({ body: 'up 1\n' });
    const peer = (requests[0]!.socket as TLSSocket).getPeerCertificate();
    expect(peer.subject.CN).toBe('client');
    await expect(
      fetch(client(`    tls_config: {ca_file: ${certs.caFile}}\n`), base),
    ).rejects.toThrow(new RegExp(`^Get "${base}/": `));
  });

  it('honours min_version', async () => {
    const base = await tlsServer({ maxVersion: 'TLSv1.2' });
    const fields = `    tls_config: {ca_file: ${certs.caFile}, min_version: TLS13}\n`;
    await expect(fetch(client(fields), base)).rejects.toThrow(
      /protocol version|unsupported protocol/,
    );
  });

  it('re-reads the CA file and picks up a corrected one', async () => {
    const base = await tlsServer();
    const caFile = join(dir, 'rotating-ca.pem');
    await writeFile(caFile, 'not a certificate');
    const scrapeClient = client('    tls_config: {ca_file: rotating-ca.pem}\n');
    const err = await rejection(fetch(scrapeClient, base));
    expect(err.message).toBe(`Get "${base}/": unable to use specified CA cert file ${caFile}`);
    await writeFile(caFile, await readFile(certs.caFile));
    await expect(fetch(scrapeClient, base)).resolves.toMatchObject({ body: 'up 1\n' });
  });

  it('reports a client key that does not match the certificate', async () => {
    const base = await tlsServer();
    const fields = `    tls_config:
      cert_file: ${certs.clientCertFile}
      key_file: ${certs.serverKeyFile}
`;
    const err = await rejection(fetch(client(fields), base));
    expect(err.message).toMatch(
      `Get "${base}/": unable to use specified client cert (file ${certs.clientCertFile}) & key (file ${certs.serverKeyFile}): `,
    );
  });
});
