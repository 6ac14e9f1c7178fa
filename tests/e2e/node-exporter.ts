import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { freePort, waitFor } from './harness.js';

// Debian's package installs `prometheus-node-exporter`; upstream release tarballs ship `node_exporter`.
const NAMES = ['prometheus-node-exporter', 'node_exporter'];

/** The node_exporter binary on PATH (or in /usr/bin), or undefined when it is not installed. */
export function findNodeExporter(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin'];
  for (const name of NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

/** A node_exporter child process listening on loopback. */
export interface NodeExporter {
  /** `127.0.0.1:<port>`, as a scrape config names it. */
  readonly address: string;
  /** GETs its /metrics body, as a scrape would. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts node_exporter on a free loopback port and waits until /metrics answers.
 * The systemd collector is off: it talks to D-Bus, which containers and CI runners lack
 * and which can stall a scrape for seconds where it half-exists.
 */
export async function startNodeExporter(bin: string): Promise<NodeExporter> {
  const address = `127.0.0.1:${await freePort()}`;
  const child = spawn(bin, [`--web.listen-address=${address}`, '--no-collector.systemd'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (err) => {
      output.push(String(err));
      resolve();
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const metrics = async () => {
    const res = await fetch(`http://${address}/metrics`);
    if (res.status !== 200) throw new Error(`node_exporter /metrics: HTTP ${res.status}`);
    return res.text();
  };
  try {
    await waitFor('node_exporter to serve /metrics', async () => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
      return metrics();
    });
  } catch (err) {
    await stop();
    throw new Error(`${String(err)}\n${output.join('').slice(-2000)}`);
  }
  return { address, metrics, stop };
}
