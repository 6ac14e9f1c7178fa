import type { Labels } from '@promethium/model';
import { chunksFromSamples } from '../chunkenc/index.js';
import type { Chunk } from '../chunkenc/index.js';
import type { MemSeries } from '../head/index.js';
import type { TsdbStatements } from './statements.js';

/** One chunk of a series as stored: its encoding (a ChunkEncoding), time bounds and bytes. */
export interface EncodedChunk {
  readonly encoding: number;
  /** The first sample's time. */
  readonly minT: number;
  /** The last sample's time. */
  readonly maxT: number;
  readonly bytes: Uint8Array;
}

/** A series with its chunks in read order (see seriesChunks). */
export interface ChunkSeries {
  readonly labels: Labels;
  readonly chunks: EncodedChunk[];
}

/**
 * The chunks of `series` overlapping [mint, maxt] in read order: on disk (the stored
 * bytes), then the head's cut chunks, a copy of its open chunk, and its out-of-order
 * samples in [mint, maxt] encoded as chunks of their own. Chunks may overlap; readers
 * keep the first sample read at a time (chunksToSamples). Later appends and checkpoints
 * change nothing returned. Runs synchronously, so a checkpoint never moves chunks mid-read.
 */
export function seriesChunks(
  series: MemSeries,
  stmts: TsdbStatements,
  mint: number,
  maxt: number,
): EncodedChunk[] {
  const out: EncodedChunk[] = [];
  if (series.persistedMaxT >= mint) {
    for (const row of stmts.chunksOf.iterate(series.ref, mint, maxt)) {
      out.push({ encoding: row.encoding, minT: row.mint, maxT: row.maxt, bytes: row.data });
    }
  }
  // Cut chunks are full: nothing appends to them again, so their bytes need no copy.
  for (const chunk of series.cut) addIfOverlapping(out, chunk, mint, maxt, false);
  if (series.open) addIfOverlapping(out, series.open, mint, maxt, true);
  const ooo = series.ooo.filter((s) => s.t >= mint && s.t <= maxt);
  for (const chunk of chunksFromSamples(ooo)) addIfOverlapping(out, chunk, mint, maxt, false);
  return out;
}

function addIfOverlapping(
  out: EncodedChunk[],
  chunk: Chunk,
  mint: number,
  maxt: number,
  copy: boolean,
): void {
  const minT = chunk.minTime();
  const maxT = chunk.maxTime();
  if (minT === undefined || maxT === undefined || maxT < mint || minT > maxt) return;
  const bytes = copy ? chunk.bytes().slice() : chunk.bytes();
  out.push({ encoding: chunk.encoding, minT, maxT, bytes });
}
