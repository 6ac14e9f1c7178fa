import type { Labels, Series } from '@promethium/model';
import { MessageTooLargeError } from '../errors.js';
import { ChunkWriter } from './chunk-writer.js';

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
 * Encodes entries into messages of at most `maxBytes` from `newWriter`, in input order,
 * cutting a message when the next item does not fit. A series that does not fit in the
 * rest of a message is split by items: its pieces are consecutive, in consecutive
 * messages, and carry the same labels. Throws MessageTooLargeError when a series' labels
 * with one item (an `itemName`) do not fit in an empty message.
 */
export function* splitIntoMessages<E extends { readonly labels: Labels }, T>(
  entries: Iterable<E>,
  itemsOf: (entry: E) => readonly T[],
  newWriter: (maxBytes: number) => MessageWriter<T>,
  maxBytes: number,
  itemName: string,
): Generator<Uint8Array> {
  let w = newWriter(maxBytes);
  const openInEmpty = (labels: Labels, first: T | undefined): void => {
    if (!w.openSeries(labels, first)) {
      throw new MessageTooLargeError(
        `series ${labels.toString()} with one ${itemName} does not fit in ${maxBytes} bytes`,
      );
    }
  };
  for (const entry of entries) {
    const items = itemsOf(entry);
    if (!w.openSeries(entry.labels, items[0])) {
      if (!w.empty) {
        yield w.finish();
        w = newWriter(maxBytes);
      }
      openInEmpty(entry.labels, items[0]);
    }
    for (let i = 1; i < items.length; i++) {
      if (w.add(items[i]!)) continue;
      yield w.finish();
      w = newWriter(maxBytes);
      openInEmpty(entry.labels, items[i]);
    }
  }
  if (!w.empty) yield w.finish();
}

/**
 * Encodes series in the sample layout `format` into chunks of at most `maxBytes` each
 * (see splitIntoMessages). Throws MessageTooLargeError when one series' labels with a
 * single sample exceed maxBytes.
 */
export function encodeChunks(
  format: number,
  series: Iterable<Series>,
  maxBytes: number,
): Uint8Array[] {
  return [
    ...splitIntoMessages(
      series,
      (s) => s.samples,
      (max) => new ChunkWriter(format, max),
      maxBytes,
      'sample',
    ),
  ];
}

/** Encodes every series into one chunk, however large. */
export function encodeOneChunk(format: number, series: Iterable<Series>): Uint8Array {
  return encodeChunks(format, series, Infinity)[0] ?? new ChunkWriter(format, Infinity).finish();
}
