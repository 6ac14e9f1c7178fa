import type { Sample } from '@promethium/model';
import { appendToHeadChunk } from '../chunkenc/index.js';
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

/**
 * Makes everything the log holds up to now durable elsewhere, then truncates the log:
 * new series go to the series table, cut chunks and out-of-order samples to the chunks
 * table (and out of memory), changed open chunks to head_chunks. Call inside one
 * transaction, so a crash leaves either the old checkpoint and the whole log or the new one.
 */
export function writeCheckpoint(
  head: Head,
  unsaved: Set<MemSeries>,
  stmts: TsdbStatements,
  wal: WriteAheadLog,
): CheckpointResult {
  const seq = wal.lastSeq();
  let chunks = 0;
  let headChunks = 0;
  for (const series of unsaved) stmts.insertSeries.run(series.ref, encodeLabels(series.labels));
  for (const series of head.allSeries()) {
    for (const chunk of series.cut) chunks += saveChunk(stmts, series, chunk);
    series.cut = [];
    for (const chunk of chunksOf(series.ooo)) chunks += saveChunk(stmts, series, chunk);
    series.ooo = [];
    if (series.dirty && series.open) {
      stmts.upsertHeadChunk.run(series.ref, series.open.encoding, series.open.bytes());
      series.dirty = false;
      headChunks++;
    }
  }
  const result = { seq, series: unsaved.size, chunks, headChunks };
  unsaved.clear();
  stmts.setMeta.run(CHECKPOINT_SEQ, seq);
  wal.truncateBefore(seq + 1);
  return result;
}

function saveChunk(stmts: TsdbStatements, series: MemSeries, chunk: Chunk): number {
  const mint = chunk.minTime();
  const maxt = chunk.maxTime();
  if (mint === undefined || maxt === undefined) return 0;
  stmts.insertChunk.run(series.ref, mint, maxt, chunk.encoding, chunk.bytes());
  if (maxt > series.persistedMaxT) series.persistedMaxT = maxt;
  if (mint < series.minT) series.minT = mint;
  return 1;
}

/** Out-of-order samples (sorted, unique times) as chunks of their own, encoded as the head's. */
function chunksOf(samples: readonly Sample[]): Chunk[] {
  const chunks: Chunk[] = [];
  let open: Chunk | undefined;
  for (const s of samples) {
    open = appendToHeadChunk(open, s.t, s.v, s.stale === true, (full) => chunks.push(full));
  }
  if (open) chunks.push(open);
  return chunks;
}
