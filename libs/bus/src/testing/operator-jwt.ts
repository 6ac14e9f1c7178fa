import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createAccount, createOperator, createUser } from '@nats-io/nkeys';
import type { KeyPair } from '@nats-io/nkeys';

/** Server config for operator (JWT) mode and a matching user .creds file. */
export interface OperatorSetup {
  /** Text to pass as startNatsServer's `config`. */
  config: string;
  /** A valid .creds file of a user of the preloaded account. */
  credsFile: string;
  /** A .creds file whose user was signed by an account the server does not know. */
  foreignCredsFile: string;
}

const text = new TextDecoder();

function b64url(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}

/** A NATS v2 JWT: ed25519-nkey signed by `issuer`. */
function sign(
  issuer: KeyPair,
  subject: string,
  name: string,
  nats: Record<string, unknown>,
): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }));
  const claims = b64url(
    JSON.stringify({
      jti: randomBytes(16).toString('hex').toUpperCase(),
      iat: Math.floor(Date.now() / 1000),
      iss: issuer.getPublicKey(),
      name,
      sub: subject,
      nats: { ...nats, version: 2 },
    }),
  );
  const signature = b64url(issuer.sign(new TextEncoder().encode(`${header}.${claims}`)));
  return `${header}.${claims}.${signature}`;
}

// The server refuses JetStream on the system account, so only the app account gets it.
function accountJwt(operator: KeyPair, account: KeyPair, name: string, jetstream: boolean): string {
  const js = jetstream ? { mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 } : {};
  return sign(operator, account.getPublicKey(), name, {
    type: 'account',
    limits: {
      subs: -1,
      data: -1,
      payload: -1,
      imports: -1,
      exports: -1,
      wildcards: true,
      conn: -1,
      leaf: -1,
      ...js,
    },
    default_permissions: { pub: {}, sub: {} },
  });
}

function creds(account: KeyPair): string {
  const user = createUser();
  const jwt = sign(account, user.getPublicKey(), 'prm-user', {
    type: 'user',
    pub: {},
    sub: {},
    subs: -1,
    data: -1,
    payload: -1,
  });
  return [
    '-----BEGIN NATS USER JWT-----',
    jwt,
    '------END NATS USER JWT------',
    '',
    '-----BEGIN USER NKEY SEED-----',
    text.decode(user.getSeed()),
    '------END USER NKEY SEED------',
    '',
  ].join('\n');
}

/**
 * Mints an operator, a system account, an application account with JetStream and a
 * user, the way `nsc` would, and writes the user's .creds files into `dir`.
 */
export async function createOperatorSetup(dir: string): Promise<OperatorSetup> {
  const operator = createOperator();
  const system = createAccount();
  const app = createAccount();
  const operatorJwt = sign(operator, operator.getPublicKey(), 'promethium-test', {
    type: 'operator',
  });
  const credsFile = `${dir}/user.creds`;
  const foreignCredsFile = `${dir}/foreign.creds`;
  await writeFile(credsFile, creds(app), { mode: 0o600 });
  await writeFile(foreignCredsFile, creds(createAccount()), { mode: 0o600 });
  const config = [
    `operator: ${operatorJwt}`,
    `system_account: ${system.getPublicKey()}`,
    'resolver: MEMORY',
    'resolver_preload: {',
    `  ${system.getPublicKey()}: ${accountJwt(operator, system, 'SYS', false)}`,
    `  ${app.getPublicKey()}: ${accountJwt(operator, app, 'PRM', true)}`,
    '}',
  ].join('\n');
  return { config, credsFile, foreignCredsFile };
}
