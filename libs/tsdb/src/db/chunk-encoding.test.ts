import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels, Matcher } from '@promethium/model';
import type { LabeledSample, Series } from '@promethium/model';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../errors.js';
import { TSDB_FILE, openTsdb } from './open.js';
import type { Tsdb } from './tsdb.js';

const STEP = 15_000;
const counter = Labels.fromRecord({ __name__: 'm', kind: 'counter' });
const ratio = Labels.fromRecord({ __name__: 'm', kind: 'ratio' });
const mixed = Labels.fromRecord({ __name__: 'm', kind: 'mixed' });

/** Scrape k: an integer counter (stale at k = 7), a float gauge, and one that turns float at k = 125. */
function scrape(k: number): LabeledSample[] {
  const t = k * STEP;
  return [
    k === 7
      ? { labels: counter, t, v: Number.NaN, stale: true }
      : { labels: counter, t, v: 100 * k },
    { labels: ratio, t, v: k / 3 },
    { labels: mixed, t, v: k >= 125 ? k + 0.5 : k },
  ];
}

async function selectAll(db: Tsdb): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of db.querier(0, Infinity).select([new Matcher('=', '__name__', 'm')]))
    out.push(s);
  return out;
}

function encodings(dir: string, table: 'chunks' | 'head_chunks'): number[] {
  const raw = new Database(join(dir, TSDB_FILE));
  const rows = raw.prepare(`SELECT encoding FROM ${table} ORDER BY encoding`).all();
  raw.close();
  return rows.map((r) => (r as { encoding: number }).encoding);
}

describe('Tsdb chunk encodings', () => {
  let dir: string;
  const open: Tsdb[] = [];
  const openDb = async () => {
    const db = await openTsdb({ path: dir });
    open.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsdb-enc-'));
  });

  afterEach(async () => {
    for (const db of open.splice(0)) await db.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('stores integer and XOR chunks with their encoding and reads both back after a reopen', async () => {
    let db = await openDb();
    for (let k = 0; k < 130; k++) db.appendBatch(scrape(k));
    const before = await selectAll(db);
    db.checkpoint();
    // Cut chunks: counter and mixed in integer (2), ratio in XOR (1); open chunks: the
    // counter's integer one, ratio's XOR one, mixed's converted to XOR.
    expect(encodings(dir, 'chunks')).toEqual([1, 2, 2]);
    expect(encodings(dir, 'head_chunks')).toEqual([1, 1, 2]);
    await db.close();
    db = await openDb();
    const after = await selectAll(db);
    expect(after).toEqual(before);
    expect(after.find((s) => s.labels.get('kind') === 'counter')!.samples[7]).toEqual({
      t: 7 * STEP,
      v: Number.NaN,
      stale: true,
    });
    // Appends continue the reopened open chunks.
    for (let k = 130; k < 135; k++) db.appendBatch(scrape(k));
    expect((await selectAll(db)).map((s) => s.samples.length)).toEqual([135, 135, 135]);
  });

  it('refuses to open a store whose open chunk has an unknown encoding', async () => {
    const db = await openDb();
    db.appendBatch(scrape(0));
    db.checkpoint();
    await db.close();
    const raw = new Database(join(dir, TSDB_FILE));
    raw.prepare('UPDATE head_chunks SET encoding = 9').run();
    raw.close();
    await expect(openDb()).rejects.toThrow(StoreOpenError);
    await expect(openDb()).rejects.toThrow(
      /open chunk of series \d+ is corrupt: unknown chunk encoding 9/,
    );
  });
});
