import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { tsChildCommand } from '../testing/ts-child.js';

interface Report {
  acknowledgedBatches: number;
  firstError?: string;
  errors: number;
  closeError: string;
  missing: number;
  storedSamples: number;
}

/**
 * Runs the writer on a 3 MiB tmpfs mounted in a user and mount namespace of its own
 * (`unshare`), so the file system really fills up without privileges or cleanup.
 */
async function fillDisk(dir: string): Promise<Report> {
  const node = tsChildCommand('./disk-full-writer.ts', [dir]);
  const script = `mount -t tmpfs -o size=3m tmpfs "$1" && shift && exec "$@"`;
  const { stdout } = await promisify(execFile)(
    'unshare',
    ['--map-root-user', '--mount', 'sh', '-c', script, 'sh', dir, ...node],
    { timeout: 60_000, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as Report;
}

describe('a full disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsdb-full-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails appends with StoreWriteError, keeps every acknowledged batch and stays readable', async () => {
    const report = await fillDisk(dir);
    expect(report.acknowledgedBatches).toBeGreaterThan(10);
    expect(report.firstError).toMatch(/database or disk is full/);
    expect(report.errors).toBe(1);
    expect(report.missing).toBe(0);
    expect(report.storedSamples).toBe(report.acknowledgedBatches * 200);
  }, 90_000);
});
