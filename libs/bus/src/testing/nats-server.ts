import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createTestCertificates } from './tls-certs.js';

/** A running nats-server owned by a test. */
export interface NatsServerHandle {
  /** `nats://127.0.0.1:<port>`, or `tls://...` when started with tls. */
  url: string;
  port: number;
  /** Temp dir holding config, JetStream store and certificates; removed by stop(). */
  dir: string;
  /** Client-side TLS files when started with tls (the server verifies client certificates). */
  tls?: { caFile: string; certFile: string; keyFile: string };
  /** Kills the server and removes its dir; idempotent. */
  stop(): Promise<void>;
  /** Stops the server and starts it again on the same port with the same store. */
  restart(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const STDERR_KEEP_CHARS = 8_000;
const EXTRA_BIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'];

function findBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...EXTRA_BIN_DIRS];
  for (const dir of dirs) {
    const path = join(dir, 'nats-server');
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this dir
    }
  }
  throw new Error(
    'nats-server is not installed (not on PATH nor in /usr/sbin): apt-get install nats-server',
  );
}

function serverConfig(dir: string, port: number, tlsBlock: string, extra: string): string {
  return [
    `listen: "127.0.0.1:${port}"`,
    `ports_file_dir: ${JSON.stringify(dir)}`,
    `jetstream { store_dir: ${JSON.stringify(join(dir, 'js'))} }`,
    tlsBlock,
    extra,
  ].join('\n');
}

/** Options of startNatsServer. */
export interface NatsServerOptions {
  /** Extra config file text, appended. */
  config?: string;
  /** Require TLS and verify client certificates (certificates are generated). */
  tls?: boolean;
  /** Listen on this port instead of a free one (e.g. where a client already waits). */
  port?: number;
}

/**
 * Starts nats-server with JetStream on 127.0.0.1 and a free port, in a fresh temp dir,
 * and waits (bounded) until it accepts connections; a failure names the server's stderr.
 */
export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const binary = findBinary();
  const dir = await mkdtemp(join(tmpdir(), 'prm-nats-'));
  try {
    let tlsBlock = '';
    let clientTls: NatsServerHandle['tls'];
    if (opts.tls) {
      const certs = await createTestCertificates(join(dir, 'tls'));
      tlsBlock = `tls { cert_file: ${JSON.stringify(certs.serverCertFile)}, key_file: ${JSON.stringify(certs.serverKeyFile)}, ca_file: ${JSON.stringify(certs.caFile)}, verify: true, timeout: 5 }`;
      clientTls = {
        caFile: certs.caFile,
        certFile: certs.clientCertFile,
        keyFile: certs.clientKeyFile,
      };
    }
    const configFile = join(dir, 'nats.conf');
    await writeFile(configFile, serverConfig(dir, opts.port ?? -1, tlsBlock, opts.config ?? ''));
    let proc = await launch(binary, configFile, dir, opts.port);
    const port = proc.port;
    await writeFile(configFile, serverConfig(dir, port, tlsBlock, opts.config ?? ''));
    let stopped = false;
    return {
      url: `${opts.tls ? 'tls' : 'nats'}://127.0.0.1:${port}`,
      port,
      dir,
      ...(clientTls && { tls: clientTls }),
      async stop() {
        if (stopped) return;
        stopped = true;
        await kill(proc.child);
        await rm(dir, { recursive: true, force: true });
      },
      async restart() {
        if (stopped) throw new Error('nats-server: restart() after stop()');
        await kill(proc.child);
        proc = await launch(binary, configFile, dir, port);
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

interface Launched {
  child: ChildProcess;
  port: number;
}

async function launch(
  binary: string,
  configFile: string,
  dir: string,
  port: number | undefined,
): Promise<Launched> {
  const child = spawn(binary, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-STDERR_KEEP_CHARS);
  });
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
  child.on('error', (err) => (exited = `failed to start: ${err.message}`));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`nats-server ${exited}:\n${stderr}`);
    if (Date.now() > deadline) {
      await kill(child);
      throw new Error(`nats-server not ready within ${READY_TIMEOUT_MS} ms:\n${stderr}`);
    }
    const found = port ?? (await portFromFile(dir, child.pid));
    if (found !== undefined && (await accepts(found))) return { child, port: found };
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function portFromFile(dir: string, pid: number | undefined): Promise<number | undefined> {
  try {
    const ports = JSON.parse(await readFile(join(dir, `nats-server_${pid}.ports`), 'utf8')) as {
      nats?: string[];
    };
    const url = ports.nats?.[0];
    return url === undefined ? undefined : Number(new URL(url).port);
  } catch {
    return undefined; // not written yet
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
