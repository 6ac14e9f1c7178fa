import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';

const FIXTURE = fileURLToPath(new URL('./testdata/signal-child.mjs', import.meta.url));

/** A running fixture whose stdout lines can be awaited one by one. */
class Child {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #waiters: (() => void)[] = [];

  constructor(readonly proc: ChildProcess) {
    let buffer = '';
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      this.lines.push(...parts);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves once `line` has been printed. */
  async waitFor(line: string): Promise<void> {
    while (!this.lines.includes(line)) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}

const children: Child[] = [];

function start(mode: string): Child {
  const proc = spawn(process.execPath, [FIXTURE, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const child = new Child(proc);
  children.push(child);
  return child;
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
    await child.exited;
  }
});

describe('onSignals', () => {
  it('reloads on every SIGHUP, reports a failed reload, shuts down once on SIGTERM', async () => {
    const child = start('normal');
    await child.waitFor('ready');
    child.proc.kill('SIGHUP');
    await child.waitFor('reload 1');
    child.proc.kill('SIGHUP');
    await child.waitFor('error second reload fails');
    child.proc.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.lines).toEqual([
      'ready',
      'reload 1',
      'reload 2',
      'error second reload fails',
      'shutdown SIGTERM',
    ]);
  });

  it('forces the exit on a second signal while shutdown hangs', async () => {
    const child = start('hang');
    await child.waitFor('ready');
    child.proc.kill('SIGINT');
    await child.waitFor('shutdown SIGINT');
    child.proc.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 128 + 15, signal: null });
    expect(child.lines.filter((l) => l.startsWith('shutdown'))).toEqual(['shutdown SIGINT']);
  });

  it('leaves signals to their default action once unregistered', async () => {
    const child = start('unregister');
    await child.waitFor('ready');
    child.proc.kill('SIGHUP');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGHUP' });
    expect(child.lines).toEqual(['ready']);
  });
});
