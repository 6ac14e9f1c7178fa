import type { Labels, Sample } from '@promethium/model';
import { appendToHeadChunk } from '../chunkenc/index.js';
import type { Chunk } from '../chunkenc/index.js';

/** Why a sample was not stored; the names of Prometheus's own rejection reasons. */
export type RejectReason = 'out_of_order' | 'duplicate_sample' | 'too_old';

/** What appending one sample would do. */
export type Verdict = 'append' | 'append_ooo' | 'same' | RejectReason;

/** A series' newest in-order sample, as appends see it. */
export interface SeriesTip {
  maxT: number;
  lastV: number;
  lastStale: boolean;
}

/**
 * One series in the head: its newest in-order samples in an open chunk, chunks cut
 * since the last checkpoint, and out-of-order samples accepted inside the window,
 * sorted, until the checkpoint persists them as chunks of their own.
 */
export class MemSeries implements SeriesTip {
  /** Newest in-order sample time; -Infinity before the first. */
  maxT = Number.NEGATIVE_INFINITY;
  lastV = 0;
  lastStale = false;
  open: Chunk | undefined;
  /** Full chunks not yet persisted, oldest first. */
  cut: Chunk[] = [];
  /** Out-of-order samples not yet persisted, ascending by time, unique times. */
  ooo: Sample[] = [];
  /** Whether the open chunk changed since the last checkpoint wrote it. */
  dirty = false;
  /** Newest sample time in the chunks table. */
  persistedMaxT = Number.NEGATIVE_INFINITY;
  /** Oldest sample time held anywhere (head or disk); Infinity before the first. */
  minT = Number.POSITIVE_INFINITY;

  constructor(
    readonly ref: number,
    readonly labels: Labels,
  ) {}

  /** Appends an accepted in-order sample, cutting a new chunk when the open one is full. */
  appendInOrder(t: number, v: number, stale: boolean): void {
    this.open = appendToHeadChunk(this.open, t, v, stale, (full) => this.cut.push(full));
    if (t < this.minT) this.minT = t;
    this.maxT = t;
    this.lastV = v;
    this.lastStale = stale;
    this.dirty = true;
  }

  /** Inserts an accepted out-of-order sample at its place; a sample at the same time is kept. */
  appendOutOfOrder(sample: Sample): void {
    const i = lowerBound(this.ooo, sample.t);
    const { t, v } = sample;
    if (this.ooo[i]?.t !== t)
      this.ooo.splice(i, 0, sample.stale ? { t, v, stale: true } : { t, v });
    if (sample.t < this.minT) this.minT = sample.t;
  }

  /** The out-of-order sample at `t`, if the head holds one. */
  outOfOrderAt(t: number): Sample | undefined {
    const found = this.ooo[lowerBound(this.ooo, t)];
    return found?.t === t ? found : undefined;
  }
}

/**
 * What appending (t, v) to a series whose newest sample is `tip` does. `oooFloor` is the
 * oldest time an out-of-order sample may have (the head's newest time minus the window),
 * or Infinity when out-of-order samples are not allowed. Equal value means equal bits, as
 * in Prometheus: 0 and -0 differ, NaN equals NaN, a staleness marker equals only itself.
 */
export function verdict(
  tip: SeriesTip,
  t: number,
  v: number,
  stale: boolean,
  oooFloor: number,
): Verdict {
  if (t > tip.maxT) return 'append';
  if (t === tip.maxT) {
    return sameValue(tip.lastV, tip.lastStale, v, stale) ? 'same' : 'duplicate_sample';
  }
  if (oooFloor === Number.POSITIVE_INFINITY) return 'out_of_order';
  return t >= oooFloor ? 'append_ooo' : 'too_old';
}

/** Whether two samples at one time carry the same value, in the sense of verdict(). */
export function sameSample(a: Sample, b: Sample): boolean {
  return sameValue(a.v, a.stale === true, b.v, b.stale === true);
}

function sameValue(a: number, aStale: boolean, b: number, bStale: boolean): boolean {
  return aStale === bStale && (aStale || Object.is(a, b));
}

function lowerBound(samples: readonly Sample[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
