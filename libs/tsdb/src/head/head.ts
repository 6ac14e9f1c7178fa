import type { Labels, Sample, Series } from '@promethium/model';
import type { RefSample, WalRecord } from '../wal/index.js';
import { MemSeries, sameSample, verdict } from './mem-series.js';
import type { RejectReason, SeriesTip, Verdict } from './mem-series.js';

/** Counts of what one batch did; appended + same + the rejections is the batch size. */
export interface HeadAppendResult {
  /** Samples stored (out-of-order ones inside the window included). */
  appended: number;
  /** Of `appended`, those stored out of order. */
  outOfOrder: number;
  /** Samples equal to the one the series already had at their time: a no-op, as in Prometheus. */
  same: number;
  /** Samples not stored, per reason. */
  rejected: Record<RejectReason, number>;
}

/** A checked batch: what to log and then apply; the head is unchanged until commit. */
export interface PreparedBatch {
  readonly record: WalRecord;
  readonly result: HeadAppendResult;
  readonly created: readonly MemSeries[];
  readonly targets: readonly MemSeries[];
  readonly outOfOrder: readonly boolean[];
}

/** Receives every series the head creates or drops, so an index can follow. */
export interface SeriesListener {
  added(series: MemSeries): void;
  removed(series: readonly MemSeries[]): void;
}

/** How the head accepts samples. */
export interface HeadOptions {
  /** How far behind the newest sample out-of-order samples are still accepted; 0 refuses them. */
  outOfOrderWindowMs: number;
  listener: SeriesListener;
}

/**
 * The in-memory part of a shard: every series by label set and by ref, with its newest
 * samples. Appending is two-phase so that nothing becomes visible before the batch is
 * logged: prepare() decides each sample's fate without changing anything, the caller
 * writes prepared.record to the write-ahead log, then commit() applies it.
 */
export class Head {
  readonly #byKey = new Map<string, MemSeries>();
  readonly #byRef: (MemSeries | undefined)[] = [];
  readonly #opts: HeadOptions;
  #nextRef = 1;
  /** Newest sample time in the head; the out-of-order window counts back from it. */
  #maxT = Number.NEGATIVE_INFINITY;

  constructor(opts: HeadOptions) {
    this.#opts = opts;
  }

  /** Series held. */
  get size(): number {
    return this.#byKey.size;
  }

  /** Newest sample time accepted; -Infinity while empty. */
  get maxTime(): number {
    return this.#maxT;
  }

  /** The series with this ref, if held. */
  series(ref: number): MemSeries | undefined {
    return this.#byRef[ref];
  }

  /** The series with these labels, if held. */
  seriesByLabels(labels: Labels): MemSeries | undefined {
    return this.#byKey.get(labels.key());
  }

  /** Every series held, in ref order. */
  *allSeries(): Generator<MemSeries> {
    for (const s of this.#byRef) if (s) yield s;
  }

  /**
   * Decides the fate of every sample of `batch` (series in any order, a series' samples
   * in the order they were written) as if the batch's earlier samples were already stored.
   */
  prepare(batch: readonly Series[]): PreparedBatch {
    const tips = new Map<MemSeries, SeriesTip>();
    const pendingOoo = new Map<MemSeries, Map<number, Sample>>();
    const created = new Map<string, MemSeries>();
    const samples: RefSample[] = [];
    const targets: MemSeries[] = [];
    const outOfOrder: boolean[] = [];
    const result = emptyResult();
    let maxT = this.#maxT;
    let nextRef = this.#nextRef;
    for (const { labels, samples: input } of batch) {
      const key = labels.key();
      let series = this.#byKey.get(key) ?? created.get(key);
      if (!series) {
        series = new MemSeries(nextRef++, labels);
        created.set(key, series);
      }
      let tip = tips.get(series);
      if (!tip) tips.set(series, (tip = { ...tipOf(series) }));
      for (const sample of input) {
        const stale = sample.stale === true;
        const floor = this.#oooFloor(maxT);
        let fate = verdict(tip, sample.t, sample.v, stale, floor);
        if (fate === 'append_ooo') fate = outOfOrderFate(series, sample, pendingOoo.get(series));
        if (fate === 'same') {
          result.same++;
          continue;
        }
        if (fate !== 'append' && fate !== 'append_ooo') {
          result.rejected[fate]++;
          continue;
        }
        samples.push(
          stale
            ? { ref: series.ref, t: sample.t, v: sample.v, stale: true }
            : { ref: series.ref, t: sample.t, v: sample.v },
        );
        targets.push(series);
        outOfOrder.push(fate === 'append_ooo');
        result.appended++;
        if (fate === 'append_ooo') {
          result.outOfOrder++;
          let held = pendingOoo.get(series);
          if (!held) pendingOoo.set(series, (held = new Map()));
          held.set(sample.t, sample);
          continue;
        }
        tip.maxT = sample.t;
        tip.lastV = sample.v;
        tip.lastStale = stale;
        if (sample.t > maxT) maxT = sample.t;
      }
    }
    // A series whose every sample was refused is neither logged nor created.
    const used = new Set(targets);
    const kept = [...created.values()].filter((s) => used.has(s));
    return {
      record: { series: kept.map(({ ref, labels }) => ({ ref, labels })), samples },
      result,
      created: kept,
      targets,
      outOfOrder,
    };
  }

  /** Applies a batch prepare() checked and the caller logged. */
  commit(batch: PreparedBatch): void {
    for (const series of batch.created) this.#register(series);
    const { samples } = batch.record;
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      const series = batch.targets[i]!;
      if (batch.outOfOrder[i]) series.appendOutOfOrder(sample);
      else series.appendInOrder(sample.t, sample.v, sample.stale === true);
      if (sample.t > this.#maxT) this.#maxT = sample.t;
    }
  }

  /**
   * Re-creates a series read back from disk or the log under its old ref, so later log
   * records and chunks still refer to it. Returns the existing series when the ref is held.
   */
  restore(ref: number, labels: Labels): MemSeries {
    const held = this.#byRef[ref];
    if (held) return held;
    const series = new MemSeries(ref, labels);
    this.#register(series);
    return series;
  }

  /** Raises the head's newest time to `t` (replay, which appends to series directly). */
  noteTime(t: number): void {
    if (t > this.#maxT) this.#maxT = t;
  }

  /** Forgets series (retention removed all their data); their refs are never reused. */
  drop(series: readonly MemSeries[]): void {
    for (const s of series) {
      this.#byKey.delete(s.labels.key());
      this.#byRef[s.ref] = undefined;
    }
    this.#opts.listener.removed(series);
  }

  #register(series: MemSeries): void {
    this.#byKey.set(series.labels.key(), series);
    this.#byRef[series.ref] = series;
    if (series.ref >= this.#nextRef) this.#nextRef = series.ref + 1;
    if (series.maxT > this.#maxT) this.#maxT = series.maxT;
    this.#opts.listener.added(series);
  }

  #oooFloor(maxT: number): number {
    const window = this.#opts.outOfOrderWindowMs;
    return window > 0 ? maxT - window : Number.POSITIVE_INFINITY;
  }
}

function tipOf(series: MemSeries): SeriesTip {
  return { maxT: series.maxT, lastV: series.lastV, lastStale: series.lastStale };
}

// An out-of-order sample at a time the head (or this batch) already holds one for is a
// repeat when equal (a redelivered batch) and a conflicting duplicate otherwise.
function outOfOrderFate(
  series: MemSeries,
  sample: Sample,
  pending: Map<number, Sample> | undefined,
): Verdict {
  const held = series.outOfOrderAt(sample.t) ?? pending?.get(sample.t);
  if (!held) return 'append_ooo';
  return sameSample(held, sample) ? 'same' : 'duplicate_sample';
}

function emptyResult(): HeadAppendResult {
  return {
    appended: 0,
    outOfOrder: 0,
    same: 0,
    rejected: { out_of_order: 0, duplicate_sample: 0, too_old: 0 },
  };
}
