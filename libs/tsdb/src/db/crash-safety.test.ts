import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Labels, Matcher } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { selectAll } from '../testing/temp-store.js';
import { tsChildCommand } from '../testing/ts-child.js';
import { TSDB_FILE, openTsdb } from './open.js';
import type { TsdbOptions } from './open.js';

/** One writer run: where it starts, how often it checkpoints, and when to kill it. */
interface Run {
  dir: string;
  series: number;
  first: number;
  checkpointEvery: number;
  /** The writer is killed once it reports this batch or a later one. */
  killAt: number;
}

/**
 * Runs the writer until it reports `run.killAt` (with checkpoints, a batch a checkpoint
 * follows, so the kill lands around one), SIGKILLs it, and resolves with the last batch
 * it reported; `started` receives the child so a failed test can kill it.
 */
function writeThenKill(run: Run, started: (child: ChildProcess) => void): Promise<number> {
  const args = [run.dir, run.series, run.first, run.checkpointEvery].map(String);
  const [node, ...nodeArgs] = tsChildCommand('./crash-writer.ts', args);
  const child = spawn(node!, nodeArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  started(child);
  const killsAfter = (batch: number) =>
    batch >= run.killAt && (run.checkpointEvery === 0 || (batch + 1) % run.checkpointEvery === 0);
  let out = '';
  let err = '';
  let last = -1;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        last = Number(line);
        if (killsAfter(last) && !child.killed) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`writer exited with ${code ?? signal} before the kill: ${err}`));
    });
  });
}

/**
 * Opens the store a killed writer left, checks it holds batches 0..n-1 whole with n at
 * least `mustHold`, appends batch n, and returns n + 1 (the batches now stored).
 */
async function checkAndContinue(
  dir: string,
  series: number,
  mustHold: number,
  log?: TsdbOptions['log'],
) {
  const store = await openTsdb({ path: dir, log });
  try {
    const all = await selectAll(store, 0, Number.MAX_SAFE_INTEGER, [
      new Matcher('=', '__name__', 'crash_test'),
    ]);
    expect(all).toHaveLength(series);
    // A batch is all or nothing, so every series holds the same batches 0..n-1.
    const n = all[0]!.samples.length;
    expect(n).toBeGreaterThanOrEqual(mustHold);
    const want = Array.from({ length: n }, (_, i) => ({ t: i, v: i }));
    for (const s of all) expect(s.samples).toEqual(want);

    const next: LabeledSample[] = all.map((s) => ({ labels: s.labels, t: n, v: n }));
    expect(store.appendBatch(next)).toMatchObject({ appended: series });
    const [first] = await selectAll(store, n, n, [new Matcher('=', '__name__', 'crash_test')]);
    expect(first!.labels).toEqual(Labels.fromRecord({ __name__: 'crash_test', series: '0' }));
    expect(first!.samples).toEqual([{ t: n, v: n }]);
    return n + 1;
  } finally {
    await store.close();
  }
}

describe('crash safety', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  const started = (c: ChildProcess) => (child = c);
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

  it('keeps every batch appended before SIGKILL, no partial batch, and appends after', async () => {
    const run = { dir, series: 20, first: 0, checkpointEvery: 0, killAt: 200 };
    const lastReported = await writeThenKill(run, started);
    expect(lastReported).toBeGreaterThanOrEqual(run.killAt);
    await checkAndContinue(dir, run.series, lastReported + 1);
  }, 60_000);

  it('survives kills around checkpoints, round after round', async () => {
    // Many series make each checkpoint (one open chunk per series) long enough to be hit.
    const series = 200;
    let stored = 0;
    for (let round = 0; round < 5; round++) {
      const run = { dir, series, first: stored, checkpointEvery: 10, killAt: stored + 150 };
      const lastReported = await writeThenKill(run, started);
      expect(lastReported).toBeGreaterThanOrEqual(run.killAt);
      stored = await checkAndContinue(dir, series, lastReported + 1);
    }
  }, 60_000);

  it('reports a torn SQLite WAL file, keeps whole batches only, and appends after', async () => {
    const run = { dir, series: 20, first: 0, checkpointEvery: 0, killAt: 300 };
    await writeThenKill(run, started);
    const walFile = join(dir, `${TSDB_FILE}-wal`);
    const wal = await readFile(walFile);
    // Cut 100 bytes into a frame well inside the log, as a disk that lost its last writes would.
    const frameBytes = 24 + wal.readUInt32BE(8);
    const frames = Math.floor((wal.length - 32) / frameBytes);
    const cut = 32 + Math.floor(frames * 0.6) * frameBytes + 100;
    await truncate(walFile, cut);
    const reports: { msg: string; fields?: Record<string, unknown> }[] = [];
    await checkAndContinue(dir, run.series, 0, (level, msg, fields) => {
      if (level === 'error') reports.push({ msg, fields });
    });
    expect(reports).toEqual([
      expect.objectContaining({
        msg: expect.stringMatching(/SQLite WAL file torn/),
        fields: expect.objectContaining({ file: walFile, bytes: cut, partialBytes: 100 }),
      }),
    ]);
  }, 60_000);
});
