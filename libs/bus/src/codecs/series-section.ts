import { ByteWriter, varintLength } from '@promethium/model';
import type { Labels } from '@promethium/model';
import { StringTable } from './string-table.js';

/**
 * The series part of a binary message, with its exact size as it grows:
 *
 *   string table (StringTable: each label string once)
 *   varint series count, then per series:
 *     label set (StringTable: count, then name and value indexes)
 *     varint item count, then the items, as the message's writer encodes them
 *
 * The open series' labels and items are held apart until its item count is known; both
 * writers are reused from series to series (this runs once per scraped series).
 */
export class SeriesSection {
  readonly #strings = new StringTable();
  readonly #closed = new ByteWriter();
  #seriesCount = 0;
  #open = false;
  readonly #openLabels = new ByteWriter();
  readonly #openItems = new ByteWriter();
  #itemCount = 0;

  /** Whether no series was opened. */
  get empty(): boolean {
    return this.#seriesCount === 0 && !this.#open;
  }

  /** Bytes the section takes as it stands, the open series included. */
  get size(): number {
    const open = this.#open
      ? this.#openLabels.length + varintLength(this.#itemCount) + this.#openItems.length
      : 0;
    const seriesCount = this.#seriesCount + (this.#open ? 1 : 0);
    return this.#strings.size + varintLength(seriesCount) + this.#closed.length + open;
  }

  /**
   * Closes the open series, then returns the bytes opening a series with `labels` and
   * `items` (0 or 1) items would add, without the items' own bytes.
   */
  openCost(labels: Labels, items: number): number {
    this.#close();
    return (
      this.#strings.stage(labels) +
      varintLength(this.#seriesCount + 1) -
      varintLength(this.#seriesCount) +
      varintLength(items)
    );
  }

  /** Opens a series with `labels`, just costed by openCost. */
  open(labels: Labels): void {
    this.#openLabels.reset();
    this.#strings.write(labels, this.#openLabels);
    this.#openItems.reset();
    this.#itemCount = 0;
    this.#open = true;
  }

  /** Bytes one more item adds to the open series' count. */
  itemCountCost(): number {
    return varintLength(this.#itemCount + 1) - varintLength(this.#itemCount);
  }

  /** Counts an item of the open series and returns where to write it. */
  item(): ByteWriter {
    if (!this.#open) throw new Error('BUG: an item without an open series');
    this.#itemCount++;
    return this.#openItems;
  }

  /** Writes the section, closing the open series. */
  writeTo(out: ByteWriter): void {
    this.#close();
    this.#strings.writeTo(out);
    out.varint(this.#seriesCount);
    out.bytes(this.#closed.written());
  }

  #close(): void {
    if (!this.#open) return;
    this.#closed.bytes(this.#openLabels.written());
    this.#closed.varint(this.#itemCount);
    this.#closed.bytes(this.#openItems.written());
    this.#seriesCount++;
    this.#open = false;
  }
}
