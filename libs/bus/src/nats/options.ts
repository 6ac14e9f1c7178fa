import { readFileSync } from 'node:fs';
import { fromSeed } from '@nats-io/nkeys';
import { credsAuthenticator, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NodeConnectionOptions } from '@nats-io/transport-node';
import type { BusLogger } from '../bus.js';
import { positiveOption } from '../defaults.js';
import { BusConfigError } from '../errors.js';
import { errorMessage } from '../log.js';

/** How to reach and authenticate to NATS, and the bus's limits. */
export interface NatsBusOptions {
  /** e.g. "nats://127.0.0.1:4222" (a string may list several, comma-separated); `tls://` makes TLS mandatory. */
  servers: string | string[];
  /** Connection name shown by the server's monitoring. */
  name?: string;
  user?: string;
  pass?: string;
  token?: string;
  /** File holding an nkey user seed (SU...). */
  nkeySeedFile?: string;
  /** A .creds file (user JWT + seed), for operator-mode servers. */
  credsFile?: string;
  /** CA to trust, and a client certificate + key when the server verifies clients. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** Default 512 KiB; lowered to the server's max_payload minus header room. */
  maxMessageBytes?: number;
  /** JetStream stream limits; maxAge defaults to 24 h, maxBytes to unlimited. */
  durableStream?: { maxAgeMs?: number; maxBytes?: number };
  /** Pause between connection attempts; default 2000 ms. */
  reconnectWaitMs?: number;
  /** Bound on one connection attempt (TCP + TLS + handshake); default 5000 ms. */
  connectTimeoutMs?: number;
  /** Default: JSON lines on stderr. */
  log?: BusLogger;
}

const SCHEME = /^([a-z]+):\/\//i;

function readFile(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new BusConfigError(`cannot read ${what} ${path}: ${errorMessage(err)}`, { cause: err });
  }
}

function serverList(servers: string | string[]): string[] {
  const list = typeof servers === 'string' ? servers.split(',').map((s) => s.trim()) : servers;
  if (list.length === 0 || list.some((s) => s === ''))
    throw new BusConfigError(`servers: expected one or more URLs, got ${JSON.stringify(servers)}`);
  for (const url of list) {
    const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
    if (scheme !== undefined && scheme !== 'nats' && scheme !== 'tls')
      throw new BusConfigError(`servers: ${url}: scheme must be nats:// or tls://`);
  }
  return list;
}

// Options often come from flags, where "not set" may arrive as ''.
function given(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function authOptions(opts: NatsBusOptions): Partial<NodeConnectionOptions> {
  const methods = [
    given(opts.user) && 'user/pass',
    given(opts.token) && 'token',
    given(opts.nkeySeedFile) && 'nkeySeedFile',
    given(opts.credsFile) && 'credsFile',
  ].filter((m) => m !== false);
  if (methods.length > 1)
    throw new BusConfigError(`choose one authentication method, got ${methods.join(' and ')}`);
  if (given(opts.pass) && !given(opts.user)) throw new BusConfigError('pass is set without user');
  if (given(opts.user)) return { user: opts.user, pass: opts.pass ?? '' };
  if (given(opts.token)) return { token: opts.token };
  if (given(opts.nkeySeedFile))
    return { authenticator: nkeyAuthenticator(readSeed(opts.nkeySeedFile)) };
  if (given(opts.credsFile))
    return { authenticator: credsAuthenticator(readCreds(opts.credsFile)) };
  return {};
}

function readSeed(path: string): Uint8Array {
  const text = new TextDecoder().decode(readFile(path, 'nkey seed file')).trim();
  const seed = new TextEncoder().encode(text);
  try {
    if (!fromSeed(seed).getPublicKey().startsWith('U')) throw new Error('not a user seed (SU...)');
  } catch (err) {
    throw new BusConfigError(`nkey seed file ${path}: ${errorMessage(err)}`);
  }
  return seed;
}

function readCreds(path: string): Uint8Array {
  const creds = readFile(path, 'creds file');
  const text = new TextDecoder().decode(creds);
  if (!text.includes('BEGIN NATS USER JWT') || !text.includes('BEGIN USER NKEY SEED'))
    throw new BusConfigError(`creds file ${path}: expected a user JWT and an nkey seed`);
  return creds;
}

function tlsOptions(opts: NatsBusOptions, servers: string[]): NodeConnectionOptions['tls'] {
  const wantsTls = servers.some((s) => s.toLowerCase().startsWith('tls://'));
  const caFile = given(opts.tls?.caFile) ? opts.tls.caFile : undefined;
  const certFile = given(opts.tls?.certFile) ? opts.tls.certFile : undefined;
  const keyFile = given(opts.tls?.keyFile) ? opts.tls.keyFile : undefined;
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new BusConfigError('tls: certFile and keyFile must be given together');
  if (caFile !== undefined) readFile(caFile, 'TLS CA file');
  if (certFile !== undefined) readFile(certFile, 'TLS certificate file');
  if (keyFile !== undefined) readFile(keyFile, 'TLS key file');
  if (caFile === undefined && certFile === undefined && !wantsTls) return undefined;
  return {
    ...(caFile !== undefined && { caFile }),
    ...(certFile !== undefined && { certFile, keyFile }),
  };
}

/**
 * Turns bus options into nats.js options, reading every file now so a missing or
 * malformed file fails connectNatsBus at once with BusConfigError. Reconnection is
 * unlimited once connected; the bus itself retries the first connection.
 */
export function toConnectionOptions(opts: NatsBusOptions): NodeConnectionOptions {
  const servers = serverList(opts.servers);
  const reconnectTimeWait = positiveOption(opts.reconnectWaitMs, 2000, 'reconnectWaitMs');
  const tls = tlsOptions(opts, servers);
  return {
    servers,
    ...(opts.name !== undefined && { name: opts.name }),
    ...authOptions(opts),
    ...(tls !== undefined && { tls }),
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait,
    reconnectJitter: Math.min(100, reconnectTimeWait / 4),
    reconnectJitterTLS: Math.min(1000, reconnectTimeWait / 4),
    ignoreAuthErrorAbort: true,
    timeout: positiveOption(opts.connectTimeoutMs, 5000, 'connectTimeoutMs'),
    pingInterval: 20_000,
    maxPingOut: 3,
  };
}
