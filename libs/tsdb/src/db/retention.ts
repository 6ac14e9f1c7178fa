import type BetterSqlite3 from 'better-sqlite3';
import type { Head, MemSeries } from '../head/index.js';
import type { MemPostings } from '../index/index.js';
import type { TsdbStatements } from './statements.js';

/** How long and how much data a store keeps; 0 turns a limit off. */
export interface RetentionPolicy {
  /** Keep chunks whose newest sample is at most this old (relative to the newest sample). */
  readonly timeMs: number;
  /** Delete the oldest chunks while the database file is larger than this. */
  readonly sizeBytes: number;
}

/** What one retention pass removed. */
export interface RetentionResult {
  readonly chunksRemoved: number;
  readonly seriesRemoved: number;
}

interface RetentionParts {
  conn: BetterSqlite3.Database;
  head: Head;
  stmts: TsdbStatements;
  postings: MemPostings;
  policy: RetentionPolicy;
}

/**
 * Deletes whole chunks older than the time limit, then the oldest chunks until the file
 * fits the size limit, then series left with no data at all, and gives the freed pages
 * back to the file system. Data still in the head's memory is never cut short: a series
 * goes only when its newest sample is older than the cut-off too.
 */
export function applyRetention(parts: RetentionParts, now: number): RetentionResult {
  const { conn, stmts, policy } = parts;
  let cutoff = policy.timeMs > 0 ? now - policy.timeMs : Number.NEGATIVE_INFINITY;
  let chunksRemoved = 0;
  if (Number.isFinite(cutoff)) chunksRemoved += stmts.deleteChunksBefore.run(cutoff).changes;
  if (policy.sizeBytes > 0) {
    for (
      let over = usedBytes(conn) - policy.sizeBytes;
      over > 0;
      over = usedBytes(conn) - policy.sizeBytes
    ) {
      const total = stmts.countChunks.get()?.n ?? 0;
      if (total === 0) break;
      const share = Math.min(1, over / usedBytes(conn));
      const end = stmts.nthChunkEnd.get(Math.max(0, Math.ceil(total * share) - 1))?.maxt;
      if (end === undefined) break;
      chunksRemoved += stmts.deleteChunksBefore.run(end + 1).changes;
      cutoff = Math.max(cutoff, end + 1);
      conn.pragma('incremental_vacuum');
    }
  }
  const gone = Number.isFinite(cutoff) ? removeEmptySeries(parts, cutoff) : [];
  conn.pragma('incremental_vacuum');
  return { chunksRemoved, seriesRemoved: gone.length };
}

function removeEmptySeries(parts: RetentionParts, cutoff: number): MemSeries[] {
  const { conn, head, stmts } = parts;
  const gone: MemSeries[] = [];
  for (const series of head.allSeries()) {
    if (series.maxT >= cutoff || series.cut.length > 0 || series.ooo.length > 0) continue;
    if (stmts.hasChunks.get(series.ref)) continue;
    gone.push(series);
  }
  conn.transaction(() => {
    for (const s of gone) {
      stmts.deleteSeries.run(s.ref);
      stmts.deleteHeadChunk.run(s.ref);
    }
  })();
  head.drop(gone);
  return gone;
}

/** Bytes of the database's pages in use (free pages not counted). */
export function usedBytes(conn: BetterSqlite3.Database): number {
  const pages = conn.pragma('page_count', { simple: true }) as number;
  const free = conn.pragma('freelist_count', { simple: true }) as number;
  const size = conn.pragma('page_size', { simple: true }) as number;
  return (pages - free) * size;
}
