import type { LabeledSample } from '@promethium/model';
import type { Appender } from '@promethium/storage';

/** Counts from one committed batch; appended + duplicates is the batch size. */
export interface AppendResult {
  /** Samples stored, out-of-order ones included. */
  appended: number;
  /**
   * Samples not stored because their series already had a sample at that timestamp,
   * whether with the same value (a redelivered batch) or another one (the first wins).
   */
  duplicates: number;
  /** Of `appended`, those older than their series' newest sample at the time. */
  outOfOrder: number;
}

/**
 * Buffers samples in memory and hands them to `appendBatch` on commit, which empties
 * the buffer whether or not the write succeeds.
 */
export class BufferingAppender implements Appender {
  #buffer: LabeledSample[] = [];

  constructor(
    private readonly appendBatch: (samples: readonly LabeledSample[]) => Promise<AppendResult>,
  ) {}

  append(sample: LabeledSample): void {
    this.#buffer.push(sample);
  }

  async commit(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    await this.appendBatch(batch);
  }

  rollback(): void {
    this.#buffer = [];
  }
}
