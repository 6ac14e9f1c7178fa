// Every child process and temporary directory the benchmarks create is registered here,
// so a normal exit, an error, or Ctrl-C leaves nothing behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Set();
const tempDirs = new Set();

// The safety net: 'exit' handlers must be synchronous, so children get SIGKILL here;
// the orderly SIGTERM path is Child.stop, called from each benchmark's finally.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`bench: ${signal}, stopping\n`);
    process.exit(130);
  });
}

/** A child process whose output is kept (last lines only) for error messages. */
export class Child {
  #tail = [];
  #exited;

  /** Spawns `args` with this Node binary; stdout and stderr are read, never inherited. */
  constructor(name, args, { stdout = 'keep' } = {}) {
    this.name = name;
    this.process = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(this.process);
    this.#exited = new Promise((resolve) =>
      this.process.once('exit', (code, signal) => {
        children.delete(this.process);
        resolve(code ?? signal);
      }),
    );
    // The pipes are always drained: a full pipe would stall the child.
    if (stdout === 'keep') this.process.stdout.on('data', (c) => this.#keep(c));
    this.process.stderr.on('data', (c) => this.#keep(c));
  }

  /** Whether the process has exited. */
  get exited() {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  /** The last lines the child wrote, for error messages. */
  tail(lines = 20) {
    return this.#tail.join('').split('\n').slice(-lines).join('\n');
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal. */
  async stop(graceMs = 10_000) {
    if (this.exited) return this.process.exitCode ?? this.process.signalCode;
    this.process.kill('SIGTERM');
    const timeout = sleep(graceMs, 'timeout', { ref: false });
    const first = await Promise.race([this.#exited, timeout]);
    if (first !== 'timeout') return first;
    this.process.kill('SIGKILL');
    return this.#exited;
  }

  /** Resolves with the exit code or signal once the child exits. */
  waitExit() {
    return this.#exited;
  }

  #keep(chunk) {
    this.#tail.push(chunk.toString());
    if (this.#tail.length > 200) this.#tail.splice(0, this.#tail.length - 100);
  }
}

/** A fresh directory under the OS temp dir, removed at exit unless removed before. */
export function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `promethium-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** Removes a directory made by makeTempDir now. */
export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}
