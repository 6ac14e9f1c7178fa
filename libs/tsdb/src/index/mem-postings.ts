import { Labels, METRIC_NAME } from '@promethium/model';
import type { LabelPairCount } from '@promethium/storage';
import { LabelPostings } from './label-postings.js';
import type { PostingsIndex } from './postings-index.js';
import { PostingsList } from './postings-list.js';
import { SymbolTable } from './symbol-table.js';
import { TopStats, type Stat } from './top-stats.js';

const MAX_REF = 0xffff_ffff;
const EMPTY = new Uint32Array(0);

/** Cardinality figures of `/api/v1/status/tsdb`, each list the `limit` largest. */
export interface PostingsStats {
  readonly numSeries: number;
  readonly numLabelPairs: number;
  /** Series per metric name. */
  readonly seriesCountByMetricName: Stat[];
  /** Distinct values per label name. */
  readonly labelValueCountByLabelName: Stat[];
  /** Bytes of the values of each label name, counted once per series carrying them. */
  readonly memoryInBytesByLabelName: Stat[];
  /** Series per `name=value` pair. */
  readonly seriesCountByLabelValuePair: Stat[];
}

/**
 * The in-memory inverted index of the head: for each label pair the sorted refs of the
 * series carrying it, plus the list of all refs. Refs are whole numbers below 2^32
 * chosen by the caller; the index never holds a ref's labels, only its postings.
 *
 * Every string the index keeps is interned in `symbols`, one reference per label pair,
 * so a head that interns its series' labels in the same table shares their memory.
 */
export class MemPostings implements PostingsIndex {
  readonly #byName = new Map<string, LabelPostings>();
  readonly #all = new PostingsList();

  constructor(readonly symbols: SymbolTable = new SymbolTable()) {}

  /** Number of series. */
  get numSeries(): number {
    return this.#all.length;
  }

  /**
   * Indexes series `ref` under each of its labels; adding a ref twice changes nothing.
   * Returns `labels` rebuilt from the index's own strings and pair tuples, for a head to
   * keep instead: the label text of all its series is then stored once, here.
   */
  add(ref: number, labels: Labels): Labels {
    if (!Number.isInteger(ref) || ref < 0 || ref > MAX_REF) {
      throw new RangeError(`series ref must be an integer in [0, ${MAX_REF}], got ${ref}`);
    }
    const pairs: (readonly [string, string])[] = [];
    for (const [name, value] of labels) pairs.push(this.#addFor(ref, name, value));
    this.#all.add(ref);
    return Labels.fromPairs(pairs);
  }

  /**
   * Removes the given series refs; label pairs, names and symbols left without series go.
   * Every list is scanned once (O(total postings)), so batch the refs of a collection.
   */
  delete(refs: ReadonlySet<number>): void {
    if (refs.size === 0) return;
    for (const [name, values] of this.#byName) {
      for (const [value, list] of values.entries()) {
        if (list.removeAll(refs) > 0) continue;
        values.remove(value);
        this.symbols.release(value);
        this.symbols.release(name);
      }
      if (values.size === 0) this.#byName.delete(name);
    }
    this.#all.removeAll(refs);
  }

  /** Every label name, sorted by UTF-16 code unit. */
  labelNames(): string[] {
    return [...this.#byName.keys()].sort();
  }

  /** The values of label `name`, sorted; shared, valid until the next change. */
  labelValues(name: string): readonly string[] {
    return this.#byName.get(name)?.sortedValues() ?? [];
  }

  /** The refs carrying `name="value"`; a view valid until the next change, never to be modified. */
  postings(name: string, value: string): Uint32Array {
    return this.#byName.get(name)?.list(value)?.view() ?? EMPTY;
  }

  /** Every ref; a view valid until the next change, never to be modified. */
  allPostings(): Uint32Array {
    return this.#all.view();
  }

  /** Series count of every label pair: the `pairs` of the store's IndexStats. */
  labelPairCounts(): LabelPairCount[] {
    const pairs: LabelPairCount[] = [];
    for (const [name, values] of this.#byName) {
      for (const [value, list] of values.entries())
        pairs.push({ name, value, series: list.length });
    }
    return pairs;
  }

  /** Cardinality statistics, each list cut to the `limit` largest entries. */
  stats(limit: number): PostingsStats {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`stats limit must be a positive integer, got ${limit}`);
    }
    const metrics = new TopStats(limit);
    const valueCounts = new TopStats(limit);
    const bytes = new TopStats(limit);
    const pairs = new TopStats(limit);
    let numLabelPairs = 0;
    for (const [name, values] of this.#byName) {
      valueCounts.push(name, values.size);
      numLabelPairs += values.size;
      let nameBytes = 0;
      for (const [value, list] of values.entries()) {
        if (name === METRIC_NAME) metrics.push(value, list.length);
        pairs.push(`${name}=${value}`, list.length);
        nameBytes += Buffer.byteLength(value) * list.length;
      }
      bytes.push(name, nameBytes);
    }
    return {
      numSeries: this.numSeries,
      numLabelPairs,
      seriesCountByMetricName: metrics.sorted(),
      labelValueCountByLabelName: valueCounts.sorted(),
      memoryInBytesByLabelName: bytes.sorted(),
      seriesCountByLabelValuePair: pairs.sorted(),
    };
  }

  /** Adds `ref` to the postings of `name="value"`; returns the pair's shared tuple. */
  #addFor(ref: number, name: string, value: string): readonly [string, string] {
    let values = this.#byName.get(name);
    let list = values?.list(value);
    if (!list) {
      // Each label pair holds one reference on its name and one on its value.
      const internedName = this.symbols.intern(name);
      const internedValue = this.symbols.intern(value);
      if (!values) {
        values = new LabelPostings();
        this.#byName.set(internedName, values);
      }
      list = values.create([internedName, internedValue]);
    }
    list.add(ref);
    return list.pair;
  }
}
