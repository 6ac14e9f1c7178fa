const GROWTH_FACTOR = 2;
const SHRINK_RATIO = 4;

/**
 * The series refs of one label pair, sorted and distinct, in a Uint32Array that grows
 * geometrically. The head hands out refs in increasing order, so an add is almost
 * always an append (amortised O(1)); a ref older than the last one is inserted in place.
 */
export class PostingsList {
  // Most label pairs of a large index have few series: start at one ref.
  #refs = new Uint32Array(1);
  #length = 0;

  /** Number of refs. */
  get length(): number {
    return this.#length;
  }

  /** Adds `ref` (a valid series ref, checked by the caller); false if it was present. */
  add(ref: number): boolean {
    const last = this.#length - 1;
    if (last < 0 || this.#refs[last]! < ref) {
      this.#reserve(1);
      this.#refs[this.#length++] = ref;
      return true;
    }
    const at = lowerBound(this.#refs, this.#length, ref);
    if (this.#refs[at] === ref) return false;
    this.#reserve(1);
    this.#refs.copyWithin(at + 1, at, this.#length);
    this.#refs[at] = ref;
    this.#length++;
    return true;
  }

  /** Removes every ref in `refs`; returns the remaining length. */
  removeAll(refs: ReadonlySet<number>): number {
    const list = this.#refs;
    let kept = 0;
    for (let i = 0; i < this.#length; i++) {
      const ref = list[i]!;
      if (!refs.has(ref)) list[kept++] = ref;
    }
    this.#length = kept;
    // Churn can empty most of a long list: give the memory back rather than keep the peak.
    if (kept * SHRINK_RATIO < list.length) this.#refs = list.slice(0, kept * GROWTH_FACTOR);
    return kept;
  }

  /**
   * The refs, sorted. A view of the list's own memory: valid until the list next
   * changes, and never to be modified.
   */
  view(): Uint32Array {
    return this.#refs.subarray(0, this.#length);
  }

  #reserve(extra: number): void {
    const needed = this.#length + extra;
    if (needed <= this.#refs.length) return;
    const grown = new Uint32Array(Math.max(needed, this.#refs.length * GROWTH_FACTOR));
    grown.set(this.view());
    this.#refs = grown;
  }
}

/** The first index in `list[0, length)` whose value is >= `ref`. */
function lowerBound(list: Uint32Array, length: number, ref: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < ref) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
