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
  #hashCode: number | undefined;

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

  /**
   * The `i`th pair in name order, 0 <= i < size: lets hot loops (encoders) walk the set
   * without an iterator.
   */
  pairAt(i: number): readonly [string, string] {
    const pair = this.pairs[i];
    if (pair === undefined) throw new RangeError(`label ${i} of ${this.pairs.length}`);
    return pair;
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

  /**
   * A 30-bit hash of the pairs (FNV-1a over their UTF-16 code units), cached. Unlike
   * key() and hash() it keeps no copy of the label text, so in-memory hash tables can use
   * it for label sets they hold for long; equal sets have equal codes, others may collide.
   */
  hashCode(): number {
    if (this.#hashCode === undefined) {
      let h = FNV_OFFSET;
      for (const [name, value] of this.pairs) h = fnv1a(fnv1a(h, name), value);
      this.#hashCode = h & HASH_CODE_MASK;
    }
    return this.#hashCode;
  }

  /** Whether both sets hold the same pairs. */
  equals(other: Labels): boolean {
    return this === other || this.key() === other.key();
  }

  /** equals() comparing pair by pair, so that neither set builds and caches its key. */
  equalPairs(other: Labels): boolean {
    const a = this.pairs;
    const b = other.pairs;
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      // Shared pair tuples (an interning table's) compare by identity.
      if (x !== y && (x[1] !== y[1] || x[0] !== y[0])) return false;
    }
    return true;
  }

  /** Prometheus's canonical text form: `{a="1", b="2"}`. */
  toString(): string {
    return '{' + this.pairs.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ') + '}';
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Small integers stay unboxed on every V8 build (31-bit Smis with pointer compression).
const HASH_CODE_MASK = 0x3fffffff;

/** FNV-1a of `text`'s code units after `h`, then of a 0xff terminator (as key()'s separator). */
function fnv1a(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), FNV_PRIME);
  return Math.imul(x ^ 0xff, FNV_PRIME);
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
