/**
 * Samples of many series in parallel columns (series ref, time, value, staleness): a
 * batch's accepted samples, or log records' on replay, held without an object per
 * sample. Values of staleness markers are NaN. The columns grow as samples are added.
 */
export class RefSamples {
  #refs: Uint32Array;
  #ts: Float64Array;
  #vs: Float64Array;
  #stale: Uint8Array;
  #length = 0;

  /** Room for `capacity` samples before the columns grow. */
  constructor(capacity = 1024) {
    this.#refs = new Uint32Array(capacity);
    this.#ts = new Float64Array(capacity);
    this.#vs = new Float64Array(capacity);
    this.#stale = new Uint8Array(capacity);
  }

  /** Samples held. */
  get length(): number {
    return this.#length;
  }

  /** Adds a sample of series `ref` (below 2^32). */
  push(ref: number, t: number, v: number, stale: boolean): void {
    const i = this.#length;
    if (i === this.#refs.length) this.#grow();
    this.#refs[i] = ref;
    this.#ts[i] = t;
    this.#vs[i] = stale ? Number.NaN : v;
    this.#stale[i] = stale ? 1 : 0;
    this.#length = i + 1;
  }

  /** Keeps the first `length` samples only (no more than held), keeping the memory. */
  truncate(length: number): void {
    if (length < this.#length) this.#length = length;
  }

  /** The series ref of sample `i`. */
  ref(i: number): number {
    return this.#refs[i]!;
  }

  /** The time of sample `i`. */
  t(i: number): number {
    return this.#ts[i]!;
  }

  /** The value of sample `i` (NaN for a staleness marker). */
  v(i: number): number {
    return this.#vs[i]!;
  }

  /** Whether sample `i` is a staleness marker. */
  isStale(i: number): boolean {
    return this.#stale[i] === 1;
  }

  #grow(): void {
    const capacity = Math.max(this.#refs.length * 2, 16);
    const refs = new Uint32Array(capacity);
    refs.set(this.#refs);
    this.#refs = refs;
    const ts = new Float64Array(capacity);
    ts.set(this.#ts);
    this.#ts = ts;
    const vs = new Float64Array(capacity);
    vs.set(this.#vs);
    this.#vs = vs;
    const stale = new Uint8Array(capacity);
    stale.set(this.#stale);
    this.#stale = stale;
  }
}
