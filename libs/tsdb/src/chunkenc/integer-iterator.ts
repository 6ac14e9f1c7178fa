import { IntegerRun, readIntegerValue } from './integer-values.js';
import { TimedIterator } from './timed-iterator.js';
import type { TimeState } from './timed-iterator.js';

/** What an appender needs to continue an integer chunk after its last sample. */
export interface IntegerAppendState extends TimeState {
  readonly run: IntegerRun;
}

/**
 * Walks an integer chunk sample by sample without allocating: after `next()` or
 * `seek()` returns true, `t`, `v` and `isStale` describe the current sample.
 * @throws ChunkCorruptError from next()/seek() when the bytes do not decode, and again
 * on every later call.
 */
export class IntegerIterator extends TimedIterator {
  readonly #run = new IntegerRun();
  #stale = false;

  /** The current sample's value; NaN for a staleness marker. */
  get v(): number {
    return this.#stale ? Number.NaN : this.#run.value;
  }

  /** Whether the current sample is a staleness marker. */
  get isStale(): boolean {
    return this.#stale;
  }

  /**
   * The state after the last sample, for reopening a chunk for appends.
   * @internal for IntegerChunk; only valid once next() has returned false.
   */
  appendState(): IntegerAppendState {
    const run = new IntegerRun();
    run.copy(this.#run);
    return { ...this.timeState(), run };
  }

  protected resetValue(): void {
    this.#run.clear();
    this.#stale = false;
  }

  protected readFirstValue(): void {
    this.readValue(this.r.readBit());
  }

  protected readValue(first: number): void {
    this.#stale = !readIntegerValue(this.r, this.#run, first);
  }
}
