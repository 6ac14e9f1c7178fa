import { hash64 } from './hash.js';

/** The label that carries the metric name. */
export const METRIC_NAME = '__name__';

const SEP = '\xff';

/**
 * An immutable label set, sorted by name, without empty values (Prometheus drops a
 * label whose value is empty). Construct with `Labels.from*`; equality is `key()`.
 */
export class Labels {
  /** The empty label set. */
  static readonly EMPTY = new Labels([]);

  #hash: bigint | undefined;
  #key: string | undefined;

  private constructor(private readonly pairs: readonly (readonly [string, string])[]) {}

  /** Builds a label set from an object; empty values are dropped. */
  static fromRecord(record: Readonly<Record<string, string>>): Labels {
    return Labels.fromPairs(Object.entries(record));
  }

  /** Builds a label set from name/value pairs; the last duplicate name wins, empty values are dropped. */
  static fromPairs(pairs: Iterable<readonly [string, string]>): Labels {
    const list = Array.isArray(pairs)
      ? (pairs as readonly (readonly [string, string])[])
      : [...pairs];
    if (list.length === 0) return Labels.EMPTY;
    // Exposition formats usually write labels sorted already: keep them without a map or sort.
    if (isSortedAndNonEmpty(list)) return new Labels(list.slice());
    const byName = new Map<string, string>();
    for (const [name, value] of list) byName.set(name, value);
    const sorted = [...byName]
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return sorted.length === 0 ? Labels.EMPTY : new Labels(sorted);
  }

  /** Number of labels. */
  get size(): number {
    return this.pairs.length;
  }

  /** The value of `name`, or '' when absent (Prometheus's convention). */
  get(name: string): string {
    for (const [n, v] of this.pairs) if (n === name) return v;
    return '';
  }

  /** Whether a label called `name` is present. */
  has(name: string): boolean {
    return this.pairs.some(([n]) => n === name);
  }

  /** The metric name (`__name__`), or ''. */
  get name(): string {
    return this.get(METRIC_NAME);
  }

  /** Pairs in name order. */
  [Symbol.iterator](): IterableIterator<readonly [string, string]> {
    return this.pairs[Symbol.iterator]();
  }

  /** A plain object copy. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.pairs);
  }

  /** A new set with `name` set to `value` (removed when `value` is ''). */
  with(name: string, value: string): Labels {
    return Labels.fromPairs([...this.pairs, [name, value]]);
  }

  /** A new set without the given names. */
  without(...names: string[]): Labels {
    const drop = new Set(names);
    return new Labels(this.pairs.filter(([n]) => !drop.has(n)));
  }

  /** An unambiguous string usable as a map key; equal sets have equal keys. */
  key(): string {
    this.#key ??= this.pairs.map(([n, v]) => n + SEP + v).join(SEP);
    return this.#key;
  }

  /** 64-bit xxHash of the canonical byte form, cached. */
  hash(): bigint {
    this.#hash ??= hash64(this.key());
    return this.#hash;
  }

  /** Whether both sets hold the same pairs. */
  equals(other: Labels): boolean {
    return this === other || this.key() === other.key();
  }

  /** Prometheus's canonical text form: `{a="1", b="2"}`. */
  toString(): string {
    return '{' + this.pairs.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ') + '}';
  }
}

function isSortedAndNonEmpty(list: readonly (readonly [string, string])[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const [name, value] = list[i]!;
    if (value === '' || (i > 0 && list[i - 1]![0] >= name)) return false;
  }
  return true;
}

/** Orders label sets as Prometheus does: pairwise by name, then value; shorter first on a tie. */
export function compareLabels(a: Labels, b: Labels): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const [xn, xv] = x.value;
    const [yn, yv] = y.value;
    if (xn !== yn) return xn < yn ? -1 : 1;
    if (xv !== yv) return xv < yv ? -1 : 1;
  }
}
