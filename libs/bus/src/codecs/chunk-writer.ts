import { ByteWriter, varintLength } from '@promethium/model';
import type { Labels, Sample } from '@promethium/model';
import { CodecError } from '../errors.js';
import { zigzagDelta } from './binary-message.js';
import type { MessageWriter } from './chunking.js';
import { SeriesSection } from './series-section.js';

/**
 * Writes the binary series layout of sampleBatch, tracking the exact encoded size so a
 * chunk can be cut before it exceeds a byte budget:
 *
 *   format byte
 *   series (SeriesSection), each item a sample:
 *     zig-zag varint of t minus the previous sample's t in this chunk (first: minus 0)
 *     8 bytes little-endian value (writeValue: staleness markers keep their bits)
 */
export class ChunkWriter implements MessageWriter<Sample> {
  readonly #format: number;
  readonly #maxBytes: number;
  readonly #series = new SeriesSection();
  #prevT = 0;

  /** A chunk in layout `format` that must stay within `maxBytes` (Infinity: unbounded). */
  constructor(format: number, maxBytes: number) {
    this.#format = format;
    this.#maxBytes = maxBytes;
  }

  /** Whether no series was added. */
  get empty(): boolean {
    return this.#series.empty;
  }

  /**
   * Opens a series with its first sample (if any); false, with nothing changed, when that
   * would exceed the budget. Closes the previously open series.
   */
  openSeries(labels: Labels, first: Sample | undefined): boolean {
    const growth =
      this.#series.openCost(labels, first ? 1 : 0) + (first ? this.#sampleCost(first.t) : 0);
    if (this.size() + growth > this.#maxBytes) return false;
    this.#series.open(labels);
    if (first) this.#appendSample(first);
    return true;
  }

  /** Adds a sample to the open series; false, with nothing changed, when over budget. */
  add(sample: Sample): boolean {
    const growth = this.#sampleCost(sample.t) + this.#series.itemCountCost();
    if (this.size() + growth > this.#maxBytes) return false;
    this.#appendSample(sample);
    return true;
  }

  /** The exact encoded size if the chunk were finished now. */
  size(): number {
    return 1 + this.#series.size;
  }

  /** The encoded chunk. */
  finish(): Uint8Array {
    const out = new ByteWriter(this.size());
    out.byte(this.#format);
    this.#series.writeTo(out);
    const bytes = out.toBytes();
    if (bytes.length > this.#maxBytes)
      throw new Error(`BUG: chunk of ${bytes.length} bytes exceeds its budget ${this.#maxBytes}`);
    return bytes;
  }

  #sampleCost(t: number): number {
    if (!Number.isSafeInteger(t)) throw new CodecError(`timestamp ${t} is not an integer`);
    return varintLength(zigzagDelta(t - this.#prevT)) + 8;
  }

  #appendSample(sample: Sample): void {
    writeSample(this.#series.item(), sample, this.#prevT);
    this.#prevT = sample.t;
  }
}

/** Writes `sample` as an item of the layout, after one at `prevT`. */
export function writeSample(w: ByteWriter, sample: Sample, prevT: number): void {
  w.varint(zigzagDelta(sample.t - prevT));
  w.value(sample);
}
