import type BetterSqlite3 from 'better-sqlite3';
import { chunksFromSamples } from '../chunkenc/index.js';
import type { Chunk } from '../chunkenc/index.js';
import type { Head } from '../head/index.js';
import type { MemSeries } from '../head/index.js';
import type { WriteAheadLog } from '../wal/index.js';
import { encodeLabels } from '../wal/index.js';
import { CHECKPOINT_SEQ } from './schema.js';
import type { TsdbStatements } from './statements.js';

/** What one checkpoint wrote. */
export interface CheckpointResult {
  readonly seq: number;
  readonly series: number;
  readonly chunks: number;
  readonly headChunks: number;
}

/** A series' part of a checkpoint: its chunks to persist and its open chunk when changed. */
interface SeriesWrite {
  readonly series: MemSeries;
  readonly chunks: readonly Chunk[];
  readonly open: Chunk | undefined;
}

/**
 * Makes everything the log holds up to now durable elsewhere, then truncates the log, in
 * one transaction: new series go to the series table, cut chunks and out-of-order samples
 * to the chunks table, changed open chunks to head_chunks. Memory forgets what went to
 * disk only after the commit, so a failed checkpoint (e.g. a full disk) changes nothing
 * and the next one writes it all again.
 */
export function writeCheckpoint(
  conn: BetterSqlite3.Database,
  head: Head,
  unsaved: Set<MemSeries>,
  stmts: TsdbStatements,
  wal: WriteAheadLog,
): CheckpointResult {
  const seq = wal.lastSeq();
  const writes: SeriesWrite[] = [];
  for (const series of head.allSeries()) {
    const chunks = [...series.cut, ...chunksFromSamples(series.ooo)];
    const open = series.dirty ? series.open : undefined;
    if (chunks.length > 0 || open) writes.push({ series, chunks, open });
  }
  let chunks = 0;
  conn.transaction(() => {
    for (const series of unsaved) stmts.insertSeries.run(series.ref, encodeLabels(series.labels));
    for (const w of writes) {
      for (const chunk of w.chunks) chunks += saveChunk(stmts, w.series, chunk);
      if (w.open) stmts.upsertHeadChunk.run(w.series.ref, w.open.encoding, w.open.bytes());
    }
    stmts.setMeta.run(CHECKPOINT_SEQ, seq);
    wal.truncateBefore(seq + 1);
  })();
  for (const w of writes) forgetPersisted(w);
  const result = {
    seq,
    series: unsaved.size,
    chunks,
    headChunks: writes.filter((w) => w.open).length,
  };
  unsaved.clear();
  return result;
}

function saveChunk(stmts: TsdbStatements, series: MemSeries, chunk: Chunk): number {
  const mint = chunk.minTime();
  const maxt = chunk.maxTime();
  if (mint === undefined || maxt === undefined) return 0;
  stmts.insertChunk.run(series.ref, mint, maxt, chunk.encoding, chunk.bytes());
  return 1;
}

// Runs after the commit and before any append (all of this is synchronous), so the cut
// chunks and out-of-order samples are exactly those written.
function forgetPersisted({ series, chunks, open }: SeriesWrite): void {
  for (const chunk of chunks) {
    const mint = chunk.minTime();
    const maxt = chunk.maxTime();
    if (mint === undefined || maxt === undefined) continue;
    if (maxt > series.persistedMaxT) series.persistedMaxT = maxt;
    if (mint < series.minT) series.minT = mint;
  }
  series.clearPersisted();
  if (open) series.dirty = false;
}
