/** Orders two items: true when `a` belongs before `b` (towards the heap's top). */
export type Less<T> = (a: T, b: T) => boolean;

/**
 * A binary min-heap by `less`, with the sift rules of Go's container/heap, so topk and
 * limitk keep and emit the same series as Prometheus (ties included).
 */
export class BinaryHeap<T> {
  readonly items: T[] = [];

  constructor(private readonly less: Less<T>) {}

  /** Adds an item and restores the heap order. */
  push(item: T): void {
    this.items.push(item);
    this.#up(this.items.length - 1);
  }

  /** Replaces the top item and restores the heap order. */
  replaceTop(item: T): void {
    this.items[0] = item;
    if (!this.#down(0)) this.#up(0);
  }

  #swap(i: number, j: number): void {
    const a = this.items;
    [a[i], a[j]] = [a[j]!, a[i]!];
  }

  #lessAt(i: number, j: number): boolean {
    return this.less(this.items[i]!, this.items[j]!);
  }

  #up(j: number): void {
    while (j > 0) {
      const parent = Math.floor((j - 1) / 2);
      if (!this.#lessAt(j, parent)) break;
      this.#swap(parent, j);
      j = parent;
    }
  }

  #down(start: number): boolean {
    const n = this.items.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.#lessAt(right, left) ? right : left;
      if (!this.#lessAt(child, i)) break;
      this.#swap(i, child);
      i = child;
    }
    return i > start;
  }
}

// Go's sort.Sort runs insertion sort up to 12 elements; reproducing it keeps the order
// of ties identical for small results. Longer ones use a stable sort (ties may differ).
const GO_INSERTION_SORT_MAX = 12;

/** Sorts in place by `less` as Go's sort.Sort does for up to 12 items. */
export function goSort<T>(items: T[], less: Less<T>): void {
  if (items.length <= GO_INSERTION_SORT_MAX) {
    for (let i = 1; i < items.length; i++) {
      for (let j = i; j > 0 && less(items[j]!, items[j - 1]!); j--) {
        [items[j], items[j - 1]] = [items[j - 1]!, items[j]!];
      }
    }
    return;
  }
  items.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}
