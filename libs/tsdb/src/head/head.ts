import type { LabeledSample, Labels } from '@promethium/model';
import { InvalidSampleError } from '../errors.js';
import { RefSamples } from '../wal/index.js';
import type { WalRecord } from '../wal/index.js';
import { BatchTips } from './batch-tips.js';
import { groupBySeries } from './by-series.js';
import { MemSeries } from './mem-series.js';
import type { RejectReason } from './mem-series.js';
import { PendingBatch } from './pending-batch.js';
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

/**
 * A checked batch: what to log and then apply; the head is unchanged until commit. It
 * shares the head's buffers, so it is valid until the next prepare().
 */
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
   * more than everything else an append does; fresh objects (a decoded batch's) are
   * checked against the series' successor (MemSeries.successorRef), then the hash table.
   */
  readonly #byInput = new WeakMap<Labels, MemSeries>();
  readonly #byRef: (MemSeries | undefined)[] = [];
  /** What prepare() fills, batch after batch: see PreparedBatch. */
  readonly #accepted = new RefSamples();
  readonly #tips = new BatchTips();
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
    const batch = new PendingBatch(
      this.#accepted,
      this.#tips,
      samples.length,
      this.#nextRef,
      this.#maxT,
      this.#opts.outOfOrderWindowMs,
    );
    let labels: Labels | undefined;
    let series: MemSeries | undefined;
    let slot = 0;
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      // A batch usually carries a series' samples together: look its labels up once.
      if (sample.labels !== labels || !series) {
        labels = sample.labels;
        if (labels.size === 0) throw new InvalidSampleError(i, 'the label set is empty');
        const previous = series;
        series =
          this.#known(labels) ??
          this.#successor(previous, labels) ??
          this.#byLabels.get(labels) ??
          batch.seriesFor(labels);
        if (previous) previous.successorRef = series.ref;
        slot = batch.slotOf(series);
      }
      if (!Number.isSafeInteger(sample.t)) {
        throw new InvalidSampleError(i, `timestamp ${sample.t} is not an integer`);
      }
      batch.add(series, slot, sample);
    }
    // A new series' first sample is always accepted, so every created series is logged.
    const { created, accepted, result } = batch;
    return { record: { series: created, samples: accepted }, result, created };
  }

  /** Applies a batch prepare() checked and the caller logged. */
  commit(batch: PreparedBatch): void {
    for (const series of batch.created) {
      this.#byInput.set(series.labels, series);
      this.#register(series);
    }
    this.#appendAccepted(batch.record.samples);
  }

  /**
   * Appends samples the head accepted before, in log order (log records on replay; see
   * MemSeries.appendAccepted), but series by series: a series' samples keep their order,
   * and its state stays in cache while they go in, where log order would touch every
   * series once per scrape. Samples of series not held are skipped; returns the number
   * appended.
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
        series.appendAccepted(ts[i]!, vs[i]!, stale[i] === 1);
        if (ts[i]! > maxT) maxT = ts[i]!;
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

  #appendAccepted(samples: RefSamples): void {
    let maxT = this.#maxT;
    for (let i = 0; i < samples.length; i++) {
      const t = samples.t(i);
      this.#byRef[samples.ref(i)]!.appendAccepted(t, samples.v(i), samples.isStale(i));
      if (t > maxT) maxT = t;
    }
    this.#maxT = maxT;
  }

  /**
   * The series that followed `previous` last time, when it has these labels: a decoded
   * batch brings fresh label objects, and comparing them with one series' costs less than
   * hashing them to search the table.
   */
  #successor(previous: MemSeries | undefined, labels: Labels): MemSeries | undefined {
    if (!previous) return undefined;
    const next = this.#byRef[previous.successorRef];
    return next !== undefined && next.labels.equalPairs(labels) ? next : undefined;
  }

  #find(labels: Labels): MemSeries | undefined {
    return this.#known(labels) ?? this.#byLabels.get(labels);
  }

  /** The series this very label set object created, if still held. */
  #known(labels: Labels): MemSeries | undefined {
    const known = this.#byInput.get(labels);
    return known !== undefined && this.#byRef[known.ref] === known ? known : undefined;
  }

  #register(series: MemSeries): void {
    series.labels = this.#opts.listener.added(series);
    this.#byLabels.add(series);
    this.#byRef[series.ref] = series;
    if (series.ref >= this.#nextRef) this.#nextRef = series.ref + 1;
    if (series.maxT > this.#maxT) this.#maxT = series.maxT;
  }
}
