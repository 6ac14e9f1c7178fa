/** One entry of a cardinality list of `/api/v1/status/tsdb`. */
export interface Stat {
  readonly name: string;
  readonly value: number;
}

/**
 * The `limit` largest stats seen, kept in a bounded min-heap (worst at the root) so a
 * list over millions of label pairs costs O(n log limit) and limit entries of memory.
 * Ranking as the status API's: larger value first, ties by name, so it is deterministic.
 */
export class TopStats {
  readonly #heap: Stat[] = [];

  constructor(private readonly limit: number) {}

  /** Offers one stat. */
  push(name: string, value: number): void {
    const heap = this.#heap;
    const stat = { name, value };
    if (heap.length < this.limit) {
      heap.push(stat);
      this.#siftUp(heap.length - 1);
    } else if (heap.length > 0 && ranksBefore(stat, heap[0]!)) {
      heap[0] = stat;
      this.#siftDown(0);
    }
  }

  /** The kept stats, best first. */
  sorted(): Stat[] {
    return [...this.#heap].sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
  }

  #siftUp(from: number): void {
    const heap = this.#heap;
    const item = heap[from]!;
    let at = from;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!ranksBefore(heap[parent]!, item)) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = item;
  }

  #siftDown(from: number): void {
    const heap = this.#heap;
    const item = heap[from]!;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && ranksBefore(heap[child]!, heap[child + 1]!)) child++;
      if (!ranksBefore(item, heap[child]!)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = item;
  }
}

function ranksBefore(a: Stat, b: Stat): boolean {
  return a.value > b.value || (a.value === b.value && a.name < b.name);
}
