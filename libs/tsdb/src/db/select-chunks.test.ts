import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels, Matcher, staleMarker } from '@promethium/model';
import type { LabeledSample, Sample, Series } from '@promethium/model';
import Database from 'better-sqlite3';
import { ChunkEncoding, ChunkCorruptError, XorChunk } from '../chunkenc/index.js';
import { TSDB_FILE, openTsdb } from './open.js';
import type { TsdbOptions } from './open.js';
import { chunksToSamples } from './read-series.js';
import type { ChunkSeries, EncodedChunk } from './select-chunks.js';
import type { Tsdb } from './tsdb.js';

const STEP = 15_000;
const MATCH_M = [new Matcher('=', '__name__', 'm')];
const series = (i: number) => Labels.fromRecord({ __name__: 'm', i: String(i) });

/** Sample k of series i: integers for even i, floats for odd; stale at k = 50. */
function sampleAt(i: number, k: number): LabeledSample {
  const labels = series(i);
  if (k === 50) return { labels, ...staleMarker(k * STEP) };
  return { labels, t: k * STEP, v: i % 2 === 0 ? 10 * k : k / 7 };
}

function scrapes(from: number, to: number, count = 3): LabeledSample[] {
  const out: LabeledSample[] = [];
  for (let k = from; k < to; k++) for (let i = 0; i < count; i++) out.push(sampleAt(i, k));
  return out;
}

async function selectAll(db: Tsdb, mint: number, maxt: number): Promise<Series[]> {
  const out: Series[] = [];
  for await (const s of db.querier(mint, maxt).select(MATCH_M)) out.push(s);
  return out;
}

/** What chunksToSamples makes of every series selectChunks yields, dropping empty ones. */
function decoded(db: Tsdb, mint: number, maxt: number): Series[] {
  return [...db.selectChunks(MATCH_M, mint, maxt)]
    .map((s) => ({ labels: s.labels, samples: chunksToSamples(s.chunks, mint, maxt) }))
    .filter((s) => s.samples.length > 0);
}

function xor(samples: readonly Sample[]): EncodedChunk {
  const c = new XorChunk();
  for (const s of samples) c.append(s.t, s.v, s.stale);
  return {
    encoding: c.encoding,
    minT: c.minTime()!,
    maxT: c.maxTime()!,
    bytes: c.bytes().slice(),
  };
}

describe('Tsdb.selectChunks', () => {
  let dir: string;
  let db: Tsdb;
  const open = async (opts: Partial<TsdbOptions> = {}) =>
    (db = await openTsdb({ path: dir, log: () => undefined, ...opts }));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsdb-chunks-'));
  });

  afterEach(async () => {
    await db.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the stored bytes of disk chunks, then the head chunks, in time order', async () => {
    await open();
    db.appendBatch(scrapes(0, 300));
    db.checkpoint();
    const raw = new Database(join(dir, TSDB_FILE), { readonly: true });
    const stored = raw
      .prepare('SELECT mint, maxt, encoding, data FROM chunks ORDER BY series_ref, mint')
      .all() as { mint: number; maxt: number; encoding: number; data: Uint8Array }[];
    raw.close();
    const got = [...db.selectChunks([new Matcher('=', 'i', '0')], 0, Infinity)];
    expect(got.map((s) => s.labels)).toEqual([series(0)]);
    const chunks = got[0]!.chunks;
    // 300 samples: two full chunks on disk, the open chunk in the head.
    expect(chunks).toHaveLength(3);
    const onDisk = stored.slice(0, 2);
    expect(chunks.slice(0, 2)).toEqual(
      onDisk.map((r) => ({ encoding: r.encoding, minT: r.mint, maxT: r.maxt, bytes: r.data })),
    );
    expect(chunks[2]).toMatchObject({ minT: 240 * STEP, maxT: 299 * STEP });
    expect(chunks.map((c) => c.encoding)).toEqual([
      ChunkEncoding.integer,
      ChunkEncoding.integer,
      ChunkEncoding.integer,
    ]);
  });

  it('decodes to what select gives, stale markers included, over any range', async () => {
    await open();
    db.appendBatch(scrapes(0, 130));
    db.checkpoint();
    db.appendBatch(scrapes(130, 370));
    for (const [mint, maxt] of [
      [0, Infinity],
      [-Infinity, 0],
      [49 * STEP, 51 * STEP],
      [119 * STEP + 1, 241 * STEP - 1],
      [300 * STEP, 1e15],
    ] as const) {
      expect(decoded(db, mint, maxt)).toEqual(await selectAll(db, mint, maxt));
    }
    const [even] = decoded(db, 49 * STEP, 51 * STEP);
    expect(even!.samples).toEqual([
      { t: 49 * STEP, v: 490 },
      staleMarker(50 * STEP),
      { t: 51 * STEP, v: 510 },
    ]);
  });

  it('leaves out chunks outside the range and keeps those partly inside', async () => {
    await open();
    db.appendBatch(scrapes(0, 400, 1));
    db.checkpoint();
    const [s] = [...db.selectChunks(MATCH_M, 130 * STEP, 250 * STEP)];
    expect(s!.chunks.map((c) => [c.minT / STEP, c.maxT / STEP])).toEqual([
      [120, 239],
      [240, 359],
    ]);
    expect(chunksToSamples(s!.chunks, 130 * STEP, 250 * STEP).map((x) => x.t / STEP)).toEqual(
      Array.from({ length: 121 }, (_, k) => 130 + k),
    );
    expect([...db.selectChunks(MATCH_M, 400 * STEP, Infinity)]).toEqual([]);
  });

  it('yields a series whose chunks span the range without a sample in it, which decodes to none', async () => {
    await open();
    db.appendBatch([
      { labels: series(0), t: 0, v: 1 },
      { labels: series(0), t: 10 * STEP, v: 2 },
    ]);
    const [s] = [...db.selectChunks(MATCH_M, STEP, 2 * STEP)];
    expect(s!.chunks).toHaveLength(1);
    expect(chunksToSamples(s!.chunks, STEP, 2 * STEP)).toEqual([]);
    expect(await selectAll(db, STEP, 2 * STEP)).toEqual([]);
  });

  it('encodes out-of-order samples as chunks of their own after the in-order ones', async () => {
    await open({ outOfOrderWindowMs: 1000 * STEP });
    db.appendBatch(scrapes(100, 250, 1));
    db.appendBatch([
      { labels: series(0), t: 5 * STEP, v: 5 },
      { labels: series(0), t: 120 * STEP, v: -1 },
    ]);
    db.checkpoint();
    db.appendBatch([
      { labels: series(0), t: 3 * STEP, v: 3 },
      { labels: series(0), t: 5 * STEP, v: 5 },
      { labels: series(0), t: 200 * STEP, v: -2 },
      { labels: series(0), ...staleMarker(4 * STEP) },
    ]);
    const [s] = [...db.selectChunks(MATCH_M, 0, Infinity)];
    // Disk: the in-order full chunk and the first out-of-order chunk (by mint), then the
    // open chunk and the head's out-of-order samples.
    expect(s!.chunks.map((c) => [c.minT / STEP, c.maxT / STEP])).toEqual([
      [5, 120],
      [100, 219],
      [220, 249],
      [3, 200],
    ]);
    const samples = chunksToSamples(s!.chunks, 0, Infinity);
    expect(samples.slice(0, 4)).toEqual([
      { t: 3 * STEP, v: 3 },
      staleMarker(4 * STEP),
      { t: 5 * STEP, v: 5 },
      { t: 100 * STEP, v: 1000 },
    ]);
    // At a time held twice the chunk read first wins: the out-of-order disk chunk at 120,
    // the in-order one at 200.
    expect(samples.find((x) => x.t === 120 * STEP)).toEqual({ t: 120 * STEP, v: -1 });
    expect(samples.find((x) => x.t === 200 * STEP)).toEqual({ t: 200 * STEP, v: 2000 });
    expect(samples).toEqual((await selectAll(db, 0, Infinity))[0]!.samples);
  });

  it('snapshots the open chunk: later appends and checkpoints change nothing returned', async () => {
    await open();
    db.appendBatch(scrapes(0, 60, 1));
    const before: ChunkSeries[] = [...db.selectChunks(MATCH_M, 0, Infinity)];
    const bytes = before[0]!.chunks.map((c) => c.bytes.slice());
    const samples = chunksToSamples(before[0]!.chunks, 0, Infinity);
    db.appendBatch(scrapes(60, 200, 1));
    db.checkpoint();
    expect(before[0]!.chunks.map((c) => c.bytes)).toEqual(bytes);
    expect(chunksToSamples(before[0]!.chunks, 0, Infinity)).toEqual(samples);
    expect(samples).toHaveLength(60);
  });

  it('sorts series by labels and applies the matchers', async () => {
    await open();
    db.appendBatch(scrapes(0, 2, 12).reverse());
    const got = [...db.selectChunks([new Matcher('=~', 'i', '1.*')], 0, Infinity)];
    expect(got.map((s) => s.labels.get('i'))).toEqual(['1', '10', '11']);
  });
});

describe('chunksToSamples', () => {
  const a = xor([
    { t: 1, v: 1 },
    { t: 3, v: 3 },
    { t: 5, v: 5 },
  ]);
  const b = xor([{ t: 2, v: 20 }, { t: 3, v: 30 }, staleMarker(6)]);

  it('merges overlapping chunks, keeping the sample of the earlier chunk at a shared time', () => {
    expect(chunksToSamples([a, b], 0, 10)).toEqual([
      { t: 1, v: 1 },
      { t: 2, v: 20 },
      { t: 3, v: 3 },
      { t: 5, v: 5 },
      staleMarker(6),
    ]);
    expect(chunksToSamples([b, a], 2, 5)).toEqual([
      { t: 2, v: 20 },
      { t: 3, v: 30 },
      { t: 5, v: 5 },
    ]);
  });

  it('throws ChunkCorruptError for an unknown encoding or bytes that do not decode', () => {
    expect(() => chunksToSamples([{ ...a, encoding: 9 }], 0, 10)).toThrow(ChunkCorruptError);
    expect(() => chunksToSamples([{ ...a, bytes: a.bytes.subarray(0, 4) }], 0, 10)).toThrow(
      ChunkCorruptError,
    );
  });
});
