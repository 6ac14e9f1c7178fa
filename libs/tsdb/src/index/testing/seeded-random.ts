/** A deterministic generator (mulberry32), so a property test replays from its seed. */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let x = this.#state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One of `items`, which must not be empty. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** About `count` distinct refs below `bound`, sorted. */
  sortedRefs(count: number, bound: number): Uint32Array {
    const refs = new Set<number>();
    for (let i = 0; i < count; i++) refs.add(this.int(bound));
    return Uint32Array.from([...refs].sort((a, b) => a - b));
  }
}
