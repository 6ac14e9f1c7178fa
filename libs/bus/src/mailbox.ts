/**
 * Runs a handler over pushed items one at a time, in push order, never re-entrantly
 * (the first call starts on a later microtask, as if the item came over a network).
 * The handler must not throw; wrap it.
 */
export class Mailbox<T> {
  readonly #handle: (item: T) => Promise<void>;
  readonly #queue: T[] = [];
  #running: Promise<void> | undefined;
  #stopped = false;

  /** `handle` processes one item; it is awaited before the next starts. */
  constructor(handle: (item: T) => Promise<void>) {
    this.#handle = handle;
  }

  /** Queues an item; ignored after stop(). */
  push(item: T): void {
    if (this.#stopped) return;
    this.#queue.push(item);
    this.#running ??= Promise.resolve().then(() => this.#drain());
  }

  /** Drops queued items and resolves once the item being handled (if any) is done. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#queue.length = 0;
    await this.#running;
  }

  async #drain(): Promise<void> {
    for (let item = this.#queue.shift(); item !== undefined; item = this.#queue.shift()) {
      await this.#handle(item);
    }
    this.#running = undefined;
  }
}
