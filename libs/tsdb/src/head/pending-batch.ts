import type { Labels, Sample } from '@promethium/model';
import type { RefSamples } from '../wal/index.js';
import type { BatchTips, Verdict } from './batch-tips.js';
import type { HeadAppendResult } from './head.js';
import { MemSeries, sameValue } from './mem-series.js';
import { SeriesTable } from './series-table.js';

/**
 * A batch the head is preparing: the fate of each sample so far, judged against the
 * series as the batch's earlier samples leave them (BatchTips), the series it creates and
 * the samples it accepts. Nothing of the head changes until the batch is committed.
 */
export class PendingBatch {
  readonly result: HeadAppendResult = {
    appended: 0,
    outOfOrder: 0,
    same: 0,
    rejected: { out_of_order: 0, duplicate_sample: 0, too_old: 0 },
  };
  /** Series the batch creates, refs from `firstRef` up. */
  readonly created: MemSeries[] = [];
  readonly #tips: BatchTips;
  #createdByLabels: SeriesTable | undefined;
  /** Out-of-order samples accepted so far, by series and time. */
  #pendingOoo: Map<MemSeries, Map<number, Sample>> | undefined;
  /** The newest time, this batch's in-order samples included. */
  #maxT: number;

  /**
   * @param accepted receives the accepted samples; emptied first.
   * @param tips the tips to judge with; reset for `capacity` series first.
   * @param capacity the batch's sample count.
   * @param maxT the head's newest time; out-of-order samples count back from it.
   * @param oooWindowMs how far behind the newest time out-of-order samples are accepted; 0 refuses them.
   */
  constructor(
    readonly accepted: RefSamples,
    tips: BatchTips,
    capacity: number,
    private readonly firstRef: number,
    maxT: number,
    private readonly oooWindowMs: number,
  ) {
    accepted.truncate(0);
    tips.reset(capacity);
    this.#tips = tips;
    this.#maxT = maxT;
  }

  /** The series an earlier sample of the batch created with these labels, else a new one. */
  seriesFor(labels: Labels): MemSeries {
    const created = this.#createdByLabels?.get(labels);
    if (created) return created;
    const series = new MemSeries(this.firstRef + this.created.length, labels);
    this.created.push(series);
    (this.#createdByLabels ??= new SeriesTable()).add(series);
    return series;
  }

  /** The slot of `series` among the batch's tips (BatchTips.slotOf). */
  slotOf(series: MemSeries): number {
    return this.#tips.slotOf(series);
  }

  /** Judges `sample` of `series` (whose tip is in `slot`) and records its fate. */
  add(series: MemSeries, slot: number, sample: Sample): void {
    const { t, v } = sample;
    const stale = sample.stale === true;
    const floor = this.oooWindowMs > 0 ? this.#maxT - this.oooWindowMs : Number.POSITIVE_INFINITY;
    let fate = this.#tips.verdict(slot, t, v, stale, floor);
    if (fate === 'append_ooo') fate = this.#outOfOrderFate(series, t, v, stale);
    if (fate === 'append') {
      this.#tips.advance(slot, t, v, stale);
      if (t > this.#maxT) this.#maxT = t;
    } else if (fate === 'append_ooo') {
      this.result.outOfOrder++;
      this.#pendingOoo ??= new Map();
      let held = this.#pendingOoo.get(series);
      if (!held) this.#pendingOoo.set(series, (held = new Map()));
      held.set(t, sample);
    } else {
      if (fate === 'same') this.result.same++;
      else this.result.rejected[fate]++;
      return;
    }
    this.accepted.push(series.ref, t, v, stale);
    this.result.appended++;
  }

  // An out-of-order sample at a time the head (or this batch) already holds one for is a
  // repeat when equal (a redelivered batch) and a conflicting duplicate otherwise.
  #outOfOrderFate(series: MemSeries, t: number, v: number, stale: boolean): Verdict {
    const held = series.outOfOrderAt(t) ?? this.#pendingOoo?.get(series)?.get(t);
    if (!held) return 'append_ooo';
    return sameValue(held.v, held.stale === true, v, stale) ? 'same' : 'duplicate_sample';
  }
}
