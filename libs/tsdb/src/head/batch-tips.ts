import { sameValue } from './mem-series.js';
import type { MemSeries, RejectReason } from './mem-series.js';

/** What appending one sample would do. */
export type Verdict = 'append' | 'append_ooo' | 'same' | RejectReason;

/**
 * The newest in-order sample of each series a batch touches, as the batch's earlier
 * samples leave it: the head judges a batch's samples against these rather than the
 * series, which stay unchanged until the batch is committed. Columns indexed by a slot
 * per series, found through the series' batchSlot; no object per sample or series, and
 * the columns serve batch after batch.
 */
export class BatchTips {
  /** The series in each slot; entries from `#count` on are left from earlier batches. */
  readonly #series: MemSeries[] = [];
  #count = 0;
  #maxT = new Float64Array(0);
  #lastV = new Float64Array(0);
  #lastStale = new Uint8Array(0);

  /** Forgets every tip, making room for up to `capacity` series. */
  reset(capacity: number): void {
    this.#count = 0;
    if (capacity <= this.#maxT.length) return;
    this.#maxT = new Float64Array(capacity);
    this.#lastV = new Float64Array(capacity);
    this.#lastStale = new Uint8Array(capacity);
  }

  /** The slot of `series`, starting from the series' own tip on its first use in the batch. */
  slotOf(series: MemSeries): number {
    const held = series.batchSlot;
    if (held >= 0 && held < this.#count && this.#series[held] === series) return held;
    const slot = this.#count++;
    this.#series[slot] = series;
    series.batchSlot = slot;
    this.#maxT[slot] = series.maxT;
    this.#lastV[slot] = series.lastV;
    this.#lastStale[slot] = series.lastStale ? 1 : 0;
    return slot;
  }

  /**
   * What appending (t, v) to the series in `slot` does. `oooFloor` is the oldest time an
   * out-of-order sample may have (the head's newest time minus the window), or Infinity
   * when out-of-order samples are not allowed. An equal sample at the newest time is
   * 'same' (see sameValue), a different one a duplicate.
   */
  verdict(slot: number, t: number, v: number, stale: boolean, oooFloor: number): Verdict {
    const maxT = this.#maxT[slot]!;
    if (t > maxT) return 'append';
    if (t === maxT) {
      const same = sameValue(this.#lastV[slot]!, this.#lastStale[slot] === 1, v, stale);
      return same ? 'same' : 'duplicate_sample';
    }
    if (oooFloor === Number.POSITIVE_INFINITY) return 'out_of_order';
    return t >= oooFloor ? 'append_ooo' : 'too_old';
  }

  /** Makes (t, v), accepted in order, the newest sample of the series in `slot`. */
  advance(slot: number, t: number, v: number, stale: boolean): void {
    this.#maxT[slot] = t;
    this.#lastV[slot] = v;
    this.#lastStale[slot] = stale ? 1 : 0;
  }
}
