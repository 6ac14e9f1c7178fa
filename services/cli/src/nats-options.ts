import type { NatsBusOptions } from '@promethium/bus';
import type { ParsedFlags } from '@promethium/runtime';

/** Builds the NATS connection options from the `--nats.*` flags. */
export function natsOptions(flags: ParsedFlags, name: string): NatsBusOptions {
  const ca = flags.string('nats.tls.ca-file');
  const cert = flags.string('nats.tls.cert-file');
  const key = flags.string('nats.tls.key-file');
  return {
    servers: flags
      .string('nats.url')!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    name,
    user: flags.string('nats.user'),
    pass: flags.string('nats.password'),
    token: flags.string('nats.token'),
    nkeySeedFile: flags.string('nats.nkey-seed-file'),
    credsFile: flags.string('nats.creds-file'),
    tls: ca || cert || key ? { caFile: ca, certFile: cert, keyFile: key } : undefined,
  };
}
