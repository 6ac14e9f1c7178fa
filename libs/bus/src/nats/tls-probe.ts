import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { errors as natsErrors } from '@nats-io/transport-node';
import type { NodeConnectionOptions } from '@nats-io/transport-node';

/** Client TLS files as NatsBusOptions gives them. */
export interface ProbeTls {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/**
 * Why the server rejects this client's TLS setup, or undefined when it accepts it or the
 * probe is inconclusive. Needed because when the server refuses a client certificate
 * after the handshake (TLS 1.3), nats.js only reports a handshake timeout.
 *
 * Reads the server's plaintext INFO, upgrades to TLS like nats.js, sends CONNECT and
 * PING: any protocol answer (PONG or -ERR) means TLS was accepted; a TLS error or a
 * closed connection means it was not.
 */
export function probeTls(
  host: string,
  port: number,
  tls: ProbeTls,
  timeoutMs: number,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    let socket: Socket = tcpConnect({ host, port });
    const done = (reason: string | undefined): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.once('error', () => done(undefined));
    let buffered = '';
    const onInfo = (chunk: Buffer): void => {
      buffered += chunk.toString('latin1');
      if (!buffered.includes('\n')) return;
      if (!buffered.startsWith('INFO ')) return done(undefined);
      socket.off('data', onInfo);
      try {
        socket = upgrade(socket, host, tls, done);
      } catch {
        done(undefined);
      }
    };
    socket.on('data', onInfo);
  });
}

function upgrade(
  plain: Socket,
  host: string,
  tls: ProbeTls,
  done: (reason: string | undefined) => void,
): Socket {
  let answered = false;
  const secure = tlsConnect({
    socket: plain,
    ...(host !== '127.0.0.1' && host !== '::1' && { servername: host }),
    ...(tls.caFile !== undefined && { ca: readFileSync(tls.caFile) }),
    ...(tls.certFile !== undefined && { cert: readFileSync(tls.certFile) }),
    ...(tls.keyFile !== undefined && { key: readFileSync(tls.keyFile) }),
  });
  secure.once('secureConnect', () => {
    secure.write('CONNECT {"verbose":false,"pedantic":false,"tls_required":true}\r\nPING\r\n');
  });
  secure.on('data', () => {
    answered = true;
    done(undefined);
  });
  const hint = 'check tls.certFile/keyFile and that the server trusts their CA';
  secure.once('error', (err: Error & { code?: string }) =>
    done(`TLS rejected by the server (${err.code ?? err.message}); ${hint}`),
  );
  secure.once('close', () => {
    if (!answered) done(`the server closed the connection after the TLS handshake; ${hint}`);
  });
  return secure;
}

/**
 * Why a first connection attempt failed when nats.js only said "timeout" over TLS: a
 * server that refuses the client certificate after the handshake looks like a timeout.
 * Probes the first server; undefined when there is nothing better to say.
 */
export async function diagnoseConnectError(
  err: unknown,
  options: NodeConnectionOptions,
): Promise<string | undefined> {
  const first = typeof options.servers === 'string' ? options.servers : options.servers?.[0];
  if (!(err instanceof natsErrors.TimeoutError) || !options.tls || first === undefined)
    return undefined;
  const { hostname, port } = new URL(first.replace(/^[a-z]+:\/\//i, 'tcp://'));
  const host = hostname.replace(/^\[|\]$/g, '');
  return probeTls(host, Number(port || 4222), options.tls, options.timeout ?? 5000);
}
