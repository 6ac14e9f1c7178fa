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
 * Series go straight into one writer (this runs once per scraped series): the open
 * series' item count takes a placeholder byte until it is known, which a count of 128
 * or more widens when the series closes.
 */
export class SeriesSection {
  readonly #strings = new StringTable();
  readonly #series = new ByteWriter();
  #seriesCount = 0;
  #open = false;
  #countAt = 0;
  #itemCount = 0;

  /** Whether no series was opened. */
  get empty(): boolean {
    return this.#seriesCount === 0 && !this.#open;
  }

  /** Bytes the section takes as it stands, the open series included. */
  get size(): number {
    const seriesCount = this.#open ? this.#seriesCount + 1 : this.#seriesCount;
    const countGrowth = this.#open ? varintLength(this.#itemCount) - 1 : 0;
    return this.#strings.size + varintLength(seriesCount) + this.#series.length + countGrowth;
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
    this.#strings.write(labels, this.#series);
    this.#countAt = this.#series.length;
    this.#series.byte(0);
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
    return this.#series;
  }

  /** Writes the section, closing the open series. */
  writeTo(out: ByteWriter): void {
    this.#close();
    this.#strings.writeTo(out);
    out.varint(this.#seriesCount);
    out.bytes(this.#series.written());
  }

  #close(): void {
    if (!this.#open) return;
    this.#series.varintAt(this.#countAt, this.#itemCount);
    this.#seriesCount++;
    this.#open = false;
  }
}
