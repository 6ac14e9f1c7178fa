import type { Sample } from '@promethium/model';
import { iteratorFromBytes } from '../chunkenc/index.js';
import type { ChunkIterator } from '../chunkenc/index.js';
import type { MemSeries } from '../head/index.js';
import { seriesChunks } from './select-chunks.js';
import type { EncodedChunk } from './select-chunks.js';
import type { TsdbStatements } from './statements.js';

/**
 * Every sample of `series` in [mint, maxt], ascending, one per timestamp, read from its
 * chunks (seriesChunks) by chunksToSamples.
 */
export function readSeries(
  series: MemSeries,
  stmts: TsdbStatements,
  mint: number,
  maxt: number,
  it: ChunkIterator,
): Sample[] {
  return chunksToSamples(seriesChunks(series, stmts, mint, maxt), mint, maxt, it);
}

/**
 * The samples of a series' chunks in [mint, maxt], ascending, one per timestamp. Chunks
 * may overlap (out-of-order chunks); at a timestamp held twice the sample of the earlier
 * chunk in `chunks` is kept, so list older storage first (as seriesChunks does). Pass an
 * iterator to reuse it.
 * @throws ChunkCorruptError when a chunk's encoding is unknown or its bytes do not decode.
 */
export function chunksToSamples(
  chunks: readonly EncodedChunk[],
  mint: number,
  maxt: number,
  it?: ChunkIterator,
): Sample[] {
  const runs: Sample[][] = [];
  let reuse = it;
  for (const chunk of chunks) {
    if (chunk.maxT < mint || chunk.minT > maxt) continue;
    reuse = iteratorFromBytes(chunk.encoding, chunk.bytes, reuse);
    const run = samplesIn(reuse, mint, maxt);
    if (run.length > 0) runs.push(run);
  }
  return mergeRuns(runs);
}

function samplesIn(it: ChunkIterator, mint: number, maxt: number): Sample[] {
  const out: Sample[] = [];
  if (!it.seek(mint)) return out;
  do {
    if (it.t > maxt) break;
    out.push(it.isStale ? { t: it.t, v: Number.NaN, stale: true } : { t: it.t, v: it.v });
  } while (it.next());
  return out;
}

function mergeRuns(runs: Sample[][]): Sample[] {
  if (runs.length === 0) return [];
  if (runs.length === 1) return runs[0]!;
  // Mostly the runs follow each other; only out-of-order data interleaves.
  let merged = runs[0]!;
  for (let i = 1; i < runs.length; i++) merged = mergeTwo(merged, runs[i]!);
  return merged;
}

function mergeTwo(a: Sample[], b: Sample[]): Sample[] {
  if (a.length === 0) return b;
  if (b.length === 0 || a[a.length - 1]!.t < b[0]!.t) return a.concat(b);
  const out: Sample[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.t <= y.t) {
      out.push(x);
      i++;
      if (x.t === y.t) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
