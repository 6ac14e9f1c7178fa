import type { Labels } from '@promethium/model';
import { MessageTooLargeError } from '../errors.js';

/**
 * Builds one message of series entries, each its labels then items (samples, chunks),
 * within a byte budget. Every method that adds returns false, changing nothing, when
 * the addition would exceed the budget.
 */
export interface MessageWriter<T> {
  /** Whether nothing was added. */
  readonly empty: boolean;
  /** Starts a series entry with its first item (if any). */
  openSeries(labels: Labels, first: T | undefined): boolean;
  /** Adds an item to the series entry opened last. */
  add(item: T): boolean;
  /** The encoded message. */
  finish(): Uint8Array;
}

/**
 * Cuts series into messages of at most `maxBytes` from `newWriter`, in the order they
 * are given, cutting a message when the next item does not fit. A series that does not
 * fit in the rest of a message is split by items: its pieces are consecutive, in
 * consecutive messages, and carry the same labels. Throws MessageTooLargeError when a
 * series' labels with one item (an `itemName`) do not fit in an empty message.
 */
export class MessageSplitter<T> {
  readonly #newWriter: (maxBytes: number) => MessageWriter<T>;
  readonly #maxBytes: number;
  readonly #itemName: string;
  #w: MessageWriter<T>;
  #done: Uint8Array[] = [];

  constructor(
    newWriter: (maxBytes: number) => MessageWriter<T>,
    maxBytes: number,
    itemName: string,
  ) {
    this.#newWriter = newWriter;
    this.#maxBytes = maxBytes;
    this.#itemName = itemName;
    this.#w = newWriter(maxBytes);
  }

  /** Starts a series with its first item (if any). */
  openSeries(labels: Labels, first: T | undefined): void {
    if (this.#w.openSeries(labels, first)) return;
    if (!this.#w.empty) this.#cut();
    this.#openInEmpty(labels, first);
  }

  /** Adds an item to the series started last, which has `labels`. */
  add(labels: Labels, item: T): void {
    if (this.#w.add(item)) return;
    this.#cut();
    this.#openInEmpty(labels, item);
  }

  /** The messages finished since the last call. */
  take(): Uint8Array[] {
    const done = this.#done;
    if (done.length > 0) this.#done = [];
    return done;
  }

  /** Every message not yet taken, the last one finished. */
  finish(): Uint8Array[] {
    if (!this.#w.empty) this.#cut();
    return this.take();
  }

  #cut(): void {
    this.#done.push(this.#w.finish());
    this.#w = this.#newWriter(this.#maxBytes);
  }

  #openInEmpty(labels: Labels, first: T | undefined): void {
    if (!this.#w.openSeries(labels, first)) {
      throw new MessageTooLargeError(
        `series ${labels.toString()} with one ${this.#itemName} does not fit in ${this.#maxBytes} bytes`,
      );
    }
  }
}

/**
 * Encodes entries into messages as MessageSplitter does, lazily: a message is yielded
 * as soon as it is cut.
 */
export function* splitIntoMessages<E extends { readonly labels: Labels }, T>(
  entries: Iterable<E>,
  itemsOf: (entry: E) => readonly T[],
  newWriter: (maxBytes: number) => MessageWriter<T>,
  maxBytes: number,
  itemName: string,
): Generator<Uint8Array> {
  const splitter = new MessageSplitter(newWriter, maxBytes, itemName);
  for (const entry of entries) {
    const items = itemsOf(entry);
    splitter.openSeries(entry.labels, items[0]);
    yield* splitter.take();
    for (let i = 1; i < items.length; i++) {
      splitter.add(entry.labels, items[i]!);
      yield* splitter.take();
    }
  }
  yield* splitter.finish();
}
