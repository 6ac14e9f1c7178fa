import { PostingsList } from './postings-list.js';

/** A label pair's postings, with the pair as one tuple every label set carrying it can share. */
export class PairPostings extends PostingsList {
  constructor(readonly pair: readonly [string, string]) {
    super();
  }
}

/**
 * The postings of every value of one label name, with the values kept sortable cheaply:
 * values added since the last read wait unsorted and are merged in on the next read, so
 * a burst of new values costs one sort of the burst rather than one insertion each.
 */
export class LabelPostings {
  readonly #lists = new Map<string, PairPostings>();
  #sorted: string[] = [];
  #added: string[] = [];
  /** Whether values were removed since `#sorted` was last rebuilt. */
  #removed = false;

  /** Number of values. */
  get size(): number {
    return this.#lists.size;
  }

  /** The list of `value`, or undefined when no series has it. */
  list(value: string): PairPostings | undefined {
    return this.#lists.get(value);
  }

  /** A new empty list for `pair` (this name and a value that has none). */
  create(pair: readonly [string, string]): PairPostings {
    const list = new PairPostings(pair);
    this.#lists.set(pair[1], list);
    this.#added.push(pair[1]);
    return list;
  }

  /** Forgets `value` (its list has emptied). */
  remove(value: string): void {
    if (this.#lists.delete(value)) this.#removed = true;
  }

  /** Every value with its list, in no particular order. */
  entries(): IterableIterator<[string, PairPostings]> {
    return this.#lists.entries();
  }

  /** The values sorted by UTF-16 code unit; the array is shared, valid until the next change. */
  sortedValues(): readonly string[] {
    if (this.#removed) {
      // Deletions are rare (series garbage collection): a full re-sort keeps this simple,
      // and is right even when a removed value came back since.
      this.#sorted = [...this.#lists.keys()].sort();
      this.#added = [];
      this.#removed = false;
    } else if (this.#added.length > 0) {
      this.#sorted = mergeSorted(this.#sorted, this.#added.sort());
      this.#added = [];
    }
    return this.#sorted;
  }
}

function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0) return b.slice();
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) out[n++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out;
}
