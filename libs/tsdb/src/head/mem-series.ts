import type { Labels, Sample } from '@promethium/model';
import { appendToHeadChunk } from '../chunkenc/index.js';
import type { Chunk } from '../chunkenc/index.js';

/** Why a sample was not stored; the names of Prometheus's own rejection reasons. */
export type RejectReason = 'out_of_order' | 'duplicate_sample' | 'too_old';

// What appendToHeadChunk cut during one append, moved to the series at once: one
// function for every series, where a closure per append would be garbage per sample.
const justCut: Chunk[] = [];
const keepCut = (full: Chunk): void => {
  justCut.push(full);
};

// Most series hold no cut chunk and no out-of-order sample: they share these empty lists.
const NO_CHUNKS: readonly Chunk[] = Object.freeze([]);
const NO_SAMPLES: readonly Sample[] = Object.freeze([]);

/**
 * One series in the head: its newest in-order samples in an open chunk, chunks cut
 * since the last checkpoint, and out-of-order samples accepted inside the window,
 * sorted, until the checkpoint persists them as chunks of their own.
 */
export class MemSeries {
  /** Newest in-order sample time; -Infinity before the first. */
  maxT = Number.NEGATIVE_INFINITY;
  lastV = 0;
  lastStale = false;
  /** Whether the open chunk changed since the last checkpoint wrote it. */
  dirty = false;
  open: Chunk | undefined;
  #cut: Chunk[] | undefined;
  #ooo: Sample[] | undefined;
  /** Newest sample time in the chunks table. */
  persistedMaxT = Number.NEGATIVE_INFINITY;
  /** Oldest sample time held anywhere (head or disk); Infinity before the first. */
  minT = Number.POSITIVE_INFINITY;
  /**
   * The head's bookkeeping while it prepares a batch: where this series' pending state
   * is in that batch, meaningful only to the batch that set it.
   */
  batchSlot = -1;
  /**
   * The ref of the series whose samples followed this one's in the last batch prepared
   * (committed or not), 0 for none: a source sends its series in the same order batch
   * after batch, so this predicts the next lookup. A hint only, checked against the
   * labels before use, so it may name a series since dropped or never created.
   */
  successorRef = 0;

  /** `labels` become the index's interned copy once the head registers the series. */
  constructor(
    readonly ref: number,
    public labels: Labels,
  ) {}

  /** Full chunks not yet persisted, oldest first. */
  get cut(): readonly Chunk[] {
    return this.#cut ?? NO_CHUNKS;
  }

  /** Out-of-order samples not yet persisted, ascending by time, unique times. */
  get ooo(): readonly Sample[] {
    return this.#ooo ?? NO_SAMPLES;
  }

  /** Appends an accepted in-order sample, cutting a new chunk when the open one is full. */
  appendInOrder(t: number, v: number, stale: boolean): void {
    try {
      this.open = appendToHeadChunk(this.open, t, v, stale, keepCut);
    } finally {
      if (justCut.length > 0) {
        (this.#cut ??= []).push(...justCut);
        justCut.length = 0;
      }
    }
    if (t < this.minT) this.minT = t;
    this.maxT = t;
    this.lastV = v;
    this.lastStale = stale;
    this.dirty = true;
  }

  /** Inserts an accepted out-of-order sample at its place; a sample at the same time is kept. */
  appendOutOfOrder(t: number, v: number, stale: boolean): void {
    const ooo = (this.#ooo ??= []);
    const i = lowerBound(ooo, t);
    if (ooo[i]?.t !== t) ooo.splice(i, 0, stale ? { t, v: Number.NaN, stale: true } : { t, v });
    if (t < this.minT) this.minT = t;
  }

  /**
   * Appends a sample the head accepted before (a committed batch, a replayed log), which
   * only its order places: in order after the newest, else among the out-of-order ones.
   */
  appendAccepted(t: number, v: number, stale: boolean): void {
    if (t > this.maxT) this.appendInOrder(t, v, stale);
    else this.appendOutOfOrder(t, v, stale);
  }

  /** Forgets the cut chunks and out-of-order samples, which a checkpoint has persisted. */
  clearPersisted(): void {
    this.#cut = undefined;
    this.#ooo = undefined;
  }

  /** The out-of-order sample at `t`, if the head holds one. */
  outOfOrderAt(t: number): Sample | undefined {
    const found = this.ooo[lowerBound(this.ooo, t)];
    return found?.t === t ? found : undefined;
  }
}

/**
 * Whether two samples at one time carry the same value. Equal value means equal bits, as
 * in Prometheus: 0 and -0 differ, NaN equals NaN, a staleness marker equals only itself.
 */
export function sameValue(a: number, aStale: boolean, b: number, bStale: boolean): boolean {
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
