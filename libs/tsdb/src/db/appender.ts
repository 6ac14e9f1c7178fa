import type { LabeledSample } from '@promethium/model';
import type { Appender } from '@promethium/storage';

/**
 * Buffers samples in memory and hands them to `appendBatch` on commit, which empties
 * the buffer whether or not the write succeeds. `appendBatch` is synchronous and durable
 * on return, so commit's promise settles with it; what it throws becomes the rejection.
 */
export class BufferingAppender implements Appender {
  #buffer: LabeledSample[] = [];

  constructor(private readonly appendBatch: (samples: readonly LabeledSample[]) => void) {}

  append(sample: LabeledSample): void {
    this.#buffer.push(sample);
  }

  async commit(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    this.appendBatch(batch);
  }

  rollback(): void {
    this.#buffer = [];
  }
}
