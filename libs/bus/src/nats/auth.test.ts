import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { bytes, collect } from '../contract/harness.js';
import { BusAuthError, BusConfigError } from '../errors.js';
import { createOperatorSetup } from '../testing/operator-jwt.js';
import { startNatsServer } from '../testing/nats-server.js';
import type { NatsServerHandle, NatsServerOptions } from '../testing/nats-server.js';
import { connectNatsBus } from './nats-bus.js';
import type { NatsBusOptions } from './options.js';

// Real nats-server processes on a shared machine: allow more than jest's default 5 s.
jest.setTimeout(20_000);

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(opts: NatsServerOptions): Promise<NatsServerHandle> {
  const s = await startNatsServer(opts);
  cleanups.push(() => s.stop());
  return s;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prm-bus-auth-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Connects, proves a round trip works, closes. */
async function works(opts: NatsBusOptions): Promise<void> {
  const bus = await connectNatsBus({ log: () => {}, ...opts });
  try {
    bus.serve('auth.echo', async (req, reply) => reply.write(req.data));
    expect(await collect(bus.request('auth.echo', bytes('hi')))).toEqual([bytes('hi')]);
  } finally {
    await bus.close();
  }
}

/** Connecting must fail fast with BusAuthError (the test's timeout bounds "fast"). */
async function refused(opts: NatsBusOptions): Promise<BusAuthError> {
  const err = await connectNatsBus({ log: () => {}, connectTimeoutMs: 1000, ...opts }).then(
    async (bus) => {
      await bus.close();
      throw new Error(`expected a refusal, bus is ${bus.status}`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BusAuthError);
  return err as BusAuthError;
}

describe('NATS bus authentication', () => {
  it('user and password', async () => {
    const s = await server({ config: 'authorization { user: prm, password: s3cret }' });
    await works({ servers: s.url, user: 'prm', pass: 's3cret' });
    // Unset flags may arrive as '': they do not count as another method.
    await works({ servers: s.url, user: 'prm', pass: 's3cret', token: '', credsFile: '' });
    const err = await refused({ servers: s.url, user: 'prm', pass: 'wrong' });
    expect(err.message).toMatch(/Authorization Violation/);
  });

  it('token', async () => {
    const s = await server({ config: 'authorization { token: t0ken }' });
    await works({ servers: s.url, token: 't0ken' });
    await refused({ servers: s.url, token: 'other' });
    await refused({ servers: s.url });
  });

  it('nkey seed file', async () => {
    const user = createUser();
    const s = await server({
      config: `authorization { users: [ { nkey: ${user.getPublicKey()} } ] }`,
    });
    const dir = await tempDir();
    const seedFile = join(dir, 'user.nk');
    await writeFile(seedFile, new TextDecoder().decode(user.getSeed()) + '\n');
    await works({ servers: s.url, nkeySeedFile: seedFile });
    const strangerFile = join(dir, 'stranger.nk');
    await writeFile(strangerFile, createUser().getSeed());
    await refused({ servers: s.url, nkeySeedFile: strangerFile });
  });

  it('creds file against an operator-mode server', async () => {
    const dir = await tempDir();
    const setup = await createOperatorSetup(dir);
    const s = await server({ config: setup.config });
    await works({ servers: s.url, credsFile: setup.credsFile });
    await refused({ servers: s.url, credsFile: setup.foreignCredsFile });
  });

  it('TLS with a client certificate', async () => {
    const s = await server({ tls: true });
    const tls = s.tls!;
    await works({ servers: s.url, tls });
    const noCert = await refused({ servers: s.url, tls: { caFile: tls.caFile } });
    expect(noCert.message).toMatch(/TLS .*check tls.certFile\/keyFile/);
    await refused({ servers: s.url.replace('tls://', 'nats://') });
    const foreignCa = await startNatsServer({ tls: true });
    cleanups.push(() => foreignCa.stop());
    await refused({ servers: s.url, tls: { ...tls, caFile: foreignCa.tls!.caFile } });
  });

  it.each<[string, Partial<NatsBusOptions>, RegExp]>([
    ['a missing seed file', { nkeySeedFile: '/nonexistent/seed.nk' }, /cannot read nkey seed file/],
    ['a missing creds file', { credsFile: '/nonexistent/u.creds' }, /cannot read creds file/],
    ['two auth methods', { token: 'a', user: 'b' }, /choose one authentication method/],
    ['a cert without key', { tls: { certFile: '/etc/hostname' } }, /certFile and keyFile/],
    ['an unknown scheme', { servers: 'ws://127.0.0.1:1' }, /scheme must be nats:\/\/ or tls:\/\//],
    ['no servers', { servers: [] }, /one or more URLs/],
  ])('refuses %s with BusConfigError', async (_what, opts, message) => {
    const err = await connectNatsBus({
      servers: 'nats://127.0.0.1:1',
      log: () => {},
      ...opts,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusConfigError);
    expect((err as Error).message).toMatch(message);
  });
});
