import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Matcher } from '@promethium/model';
import type { Series } from '@promethium/model';
import { openSqliteStore } from './open-store.js';

const SERIES = 20;
const KILL_AFTER_BATCHES = 200;
const writer = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url));
const hooks = new URL('./testing/ts-hooks.ts', import.meta.url).href;

/**
 * Runs the writer until it reports `batches` commits, SIGKILLs it, and resolves with
 * the last batch it reported; `started` receives the child so a failed test can kill it.
 */
function writeThenKill(
  dir: string,
  batches: number,
  started: (child: ChildProcess) => void,
): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--experimental-transform-types',
      '--no-warnings',
      '--conditions=source',
      '--import',
      hooks,
      writer,
      dir,
      String(SERIES),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  started(child);
  let out = '';
  let err = '';
  let last = -1;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      if (lines.length > 0) last = Number(lines.at(-1));
      if (last >= batches && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`writer exited with ${code ?? signal} before the kill: ${err}`));
    });
  });
}

describe('crash safety', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsdb-crash-'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    child = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every batch committed before SIGKILL, and no partial batch', async () => {
    const lastReported = await writeThenKill(dir, KILL_AFTER_BATCHES, (c) => (child = c));
    expect(lastReported).toBeGreaterThanOrEqual(KILL_AFTER_BATCHES);

    const store = await openSqliteStore({ path: dir });
    try {
      const series: Series[] = [];
      const select = store
        .querier(0, Number.MAX_SAFE_INTEGER)
        .select([new Matcher('=', '__name__', 'crash_test')]);
      for await (const s of select) series.push(s);
      expect(series).toHaveLength(SERIES);
      // A batch is all or nothing, so every series holds the same batches 0..n-1.
      const n = series[0]!.samples.length;
      expect(n).toBeGreaterThan(lastReported);
      for (const s of series) {
        expect(s.samples.map((x) => x.t)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(s.samples.every((x) => x.v === x.t)).toBe(true);
      }
      expect(store.stats()).toEqual({ series: SERIES, samples: SERIES * n });
    } finally {
      await store.close();
    }
  }, 60_000);
});
