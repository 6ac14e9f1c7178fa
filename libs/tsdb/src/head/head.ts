import type { LabeledSample, Labels, Sample } from '@promethium/model';
import { InvalidSampleError } from '../errors.js';
import { RefSamples } from '../wal/index.js';
import type { WalRecord } from '../wal/index.js';
import { BatchTips } from './batch-tips.js';
import { groupBySeries } from './by-series.js';
import type { Verdict } from './batch-tips.js';
import { MemSeries, sameValue } from './mem-series.js';
import type { RejectReason } from './mem-series.js';
import { SeriesTable } from './series-table.js';

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
  /** The series the batch creates and its accepted samples, in batch order. */
  readonly record: WalRecord;
  readonly result: HeadAppendResult;
  /** The series the batch creates (record.series). */
  readonly created: readonly MemSeries[];
}

/** Receives every series the head creates or drops, so an index can follow. */
export interface SeriesListener {
  /**
   * A series was created or restored; returns labels equal to its own for the head to
   * keep instead (an index hands back its interned copy, sharing the label text).
   */
  added(series: MemSeries): Labels;
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
  readonly #byLabels = new SeriesTable();
  /**
   * The series each label set object created. A caller that keeps passing that object
   * (as a scrape cache would) finds its series without comparing labels, which costs
   * more than everything else an append does; fresh objects take the hash table.
   */
  readonly #byInput = new WeakMap<Labels, MemSeries>();
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
    return this.#byLabels.size;
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
    return this.#find(labels);
  }

  /** Every series held, in ref order. */
  *allSeries(): Generator<MemSeries> {
    for (const s of this.#byRef) if (s) yield s;
  }

  /**
   * Decides the fate of every sample of `samples` (a series' samples in the order they
   * were written) as if the batch's earlier samples were already stored.
   * @throws InvalidSampleError for an empty label set or a timestamp that is not a safe
   * integer; the head is unchanged.
   */
  prepare(samples: readonly LabeledSample[]): PreparedBatch {
    const accepted = new RefSamples(samples.length);
    const tips = new BatchTips(samples.length);
    const created: MemSeries[] = [];
    let createdByLabels: SeriesTable | undefined;
    let pendingOoo: Map<MemSeries, Map<number, Sample>> | undefined;
    const result = emptyResult();
    let maxT = this.#maxT;
    let labels: Labels | undefined;
    let series: MemSeries | undefined;
    let slot = 0;
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      // A batch usually carries a series' samples together: look its labels up once.
      if (sample.labels !== labels || !series) {
        labels = sample.labels;
        if (labels.size === 0) throw new InvalidSampleError(i, 'the label set is empty');
        series = this.#find(labels) ?? createdByLabels?.get(labels);
        if (!series) {
          series = new MemSeries(this.#nextRef + created.length, labels);
          created.push(series);
          (createdByLabels ??= new SeriesTable()).add(series);
        }
        slot = tips.slotOf(series);
      }
      const { t, v } = sample;
      if (!Number.isSafeInteger(t))
        throw new InvalidSampleError(i, `timestamp ${t} is not an integer`);
      const stale = sample.stale === true;
      let fate = tips.verdict(slot, t, v, stale, this.#oooFloor(maxT));
      if (fate === 'append_ooo')
        fate = outOfOrderFate(series, t, v, stale, pendingOoo?.get(series));
      if (fate === 'append') {
        tips.advance(slot, t, v, stale);
        if (t > maxT) maxT = t;
      } else if (fate === 'append_ooo') {
        result.outOfOrder++;
        pendingOoo ??= new Map();
        let held = pendingOoo.get(series);
        if (!held) pendingOoo.set(series, (held = new Map()));
        held.set(t, sample);
      } else {
        if (fate === 'same') result.same++;
        else result.rejected[fate]++;
        continue;
      }
      accepted.push(series.ref, t, v, stale);
      result.appended++;
    }
    // A new series' first sample is always accepted, so every created series is logged.
    return { record: { series: created, samples: accepted }, result, created };
  }

  /** Applies a batch prepare() checked and the caller logged. */
  commit(batch: PreparedBatch): void {
    for (const series of batch.created) {
      this.#byInput.set(series.labels, series);
      this.#register(series);
    }
    this.appendAccepted(batch.record.samples);
  }

  /**
   * Appends samples the head accepted before (a committed batch, or the log on replay),
   * in order: a sample after its series' newest goes to the open chunk, an older one
   * among the out-of-order samples. Samples of series not held are skipped; returns the
   * number appended.
   */
  appendAccepted(samples: RefSamples): number {
    let appended = 0;
    let maxT = this.#maxT;
    for (let i = 0; i < samples.length; i++) {
      const series = this.#byRef[samples.ref(i)];
      if (!series) continue;
      const t = samples.t(i);
      if (t > series.maxT) series.appendInOrder(t, samples.v(i), samples.isStale(i));
      else series.appendOutOfOrder(t, samples.v(i), samples.isStale(i));
      if (t > maxT) maxT = t;
      appended++;
    }
    this.#maxT = maxT;
    return appended;
  }

  /**
   * Appends samples logged in order (log records on replay), as appendAccepted would but
   * series by series: a series' samples keep their order, and its state stays in cache
   * while they go in, where log order would touch every series once per scrape. Returns
   * the number appended.
   */
  appendLogged(samples: RefSamples): number {
    const { refs, starts, ts, vs, stale } = groupBySeries(samples);
    let appended = 0;
    let maxT = this.#maxT;
    for (let k = 0; k < refs.length; k++) {
      const series = this.#byRef[refs[k]!];
      if (!series) continue;
      const end = starts[k + 1]!;
      for (let i = starts[k]!; i < end; i++) {
        const t = ts[i]!;
        if (t > series.maxT) series.appendInOrder(t, vs[i]!, stale[i] === 1);
        else series.appendOutOfOrder(t, vs[i]!, stale[i] === 1);
        if (t > maxT) maxT = t;
      }
      appended += end - starts[k]!;
    }
    this.#maxT = maxT;
    return appended;
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

  /** Raises the head's newest time to `t` (a load that sets series' times directly). */
  noteTime(t: number): void {
    if (t > this.#maxT) this.#maxT = t;
  }

  /** Forgets series (retention removed all their data); their refs are never reused. */
  drop(series: readonly MemSeries[]): void {
    for (const s of series) {
      this.#byLabels.delete(s);
      this.#byRef[s.ref] = undefined;
    }
    this.#opts.listener.removed(series);
  }

  #find(labels: Labels): MemSeries | undefined {
    const known = this.#byInput.get(labels);
    if (known !== undefined && this.#byRef[known.ref] === known) return known;
    return this.#byLabels.get(labels);
  }

  #register(series: MemSeries): void {
    series.labels = this.#opts.listener.added(series);
    this.#byLabels.add(series);
    this.#byRef[series.ref] = series;
    if (series.ref >= this.#nextRef) this.#nextRef = series.ref + 1;
    if (series.maxT > this.#maxT) this.#maxT = series.maxT;
  }

  #oooFloor(maxT: number): number {
    const window = this.#opts.outOfOrderWindowMs;
    return window > 0 ? maxT - window : Number.POSITIVE_INFINITY;
  }
}

// An out-of-order sample at a time the head (or this batch) already holds one for is a
// repeat when equal (a redelivered batch) and a conflicting duplicate otherwise.
function outOfOrderFate(
  series: MemSeries,
  t: number,
  v: number,
  stale: boolean,
  pending: Map<number, Sample> | undefined,
): Verdict {
  const held = series.outOfOrderAt(t) ?? pending?.get(t);
  if (!held) return 'append_ooo';
  return sameValue(held.v, held.stale === true, v, stale) ? 'same' : 'duplicate_sample';
}

function emptyResult(): HeadAppendResult {
  return {
    appended: 0,
    outOfOrder: 0,
    same: 0,
    rejected: { out_of_order: 0, duplicate_sample: 0, too_old: 0 },
  };
}
