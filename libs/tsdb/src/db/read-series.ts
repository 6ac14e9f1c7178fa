import type { Sample } from '@promethium/model';
import { iteratorFromBytes } from '../chunkenc/index.js';
import type { ChunkIterator } from '../chunkenc/index.js';
import type { MemSeries } from '../head/index.js';
import type { TsdbStatements } from './statements.js';

/**
 * Every sample of `series` in [mint, maxt], ascending, one per timestamp: its chunks on
 * disk, then the head's cut and open chunks and out-of-order samples. Chunks may overlap
 * (out-of-order chunks); at a timestamp held twice the sample read first (older storage)
 * is kept. Runs synchronously, so a checkpoint never moves chunks mid-read.
 */
export function readSeries(
  series: MemSeries,
  stmts: TsdbStatements,
  mint: number,
  maxt: number,
  it: ChunkIterator,
): Sample[] {
  const runs: Sample[][] = [];
  if (series.persistedMaxT >= mint) {
    for (const row of stmts.chunksOf.iterate(series.ref, mint, maxt)) {
      runs.push(samplesIn(iteratorFromBytes(row.encoding, row.data, it), mint, maxt));
    }
  }
  for (const chunk of series.cut) runs.push(samplesIn(chunk.iterator(it), mint, maxt));
  if (series.open) runs.push(samplesIn(series.open.iterator(it), mint, maxt));
  const ooo = series.ooo.filter((s) => s.t >= mint && s.t <= maxt);
  if (ooo.length > 0) runs.push(ooo);
  return mergeRuns(runs.filter((r) => r.length > 0));
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
