import { BinaryFormatError, ByteWriter, utf8, varintLength, zigzag } from '@promethium/model';
import type { Labels, Sample } from '@promethium/model';
import { CodecError } from '../errors.js';

/**
 * Writes the binary series layout shared by sampleBatch and seriesChunk, tracking the
 * exact encoded size so a chunk can be cut before it exceeds a byte budget:
 *
 *   format byte
 *   varint n, then n × (varint byte length, UTF-8)   string table, each string once
 *   varint series count, then per series:
 *     varint label count, then count × (varint name index, varint value index)
 *     varint sample count, then per sample:
 *       zig-zag varint of t minus the previous sample's t in this chunk (first: minus 0)
 *       8 bytes little-endian value (writeValue: staleness markers keep their bits)
 */
export class ChunkWriter {
  readonly #format: number;
  readonly #maxBytes: number;
  readonly #index = new Map<string, number>();
  readonly #table = new ByteWriter();
  readonly #body = new ByteWriter();
  #seriesCount = 0;
  #prevT = 0;
  // The open series: label refs and samples are held apart until its count is known.
  // Both writers are reused from series to series (this runs once per scraped series).
  #open = false;
  readonly #openLabels = new ByteWriter();
  readonly #openSamples = new ByteWriter();
  #openCount = 0;

  /** A chunk in layout `format` that must stay within `maxBytes` (Infinity: unbounded). */
  constructor(format: number, maxBytes: number) {
    this.#format = format;
    this.#maxBytes = maxBytes;
  }

  /** Whether no series was added. */
  get empty(): boolean {
    return this.#seriesCount === 0 && !this.#open;
  }

  /**
   * Opens a series with its first sample (if any); false, with nothing changed, when that
   * would exceed the budget. Closes the previously open series.
   */
  openSeries(labels: Labels, first: Sample | undefined): boolean {
    this.closeSeries();
    let fresh: Map<string, number> | undefined;
    let tableGrowth = 0;
    let refs = varintLength(labels.size);
    for (const pair of labels) {
      for (const s of pair) {
        let idx = this.#index.get(s) ?? fresh?.get(s);
        if (idx === undefined) {
          fresh ??= new Map();
          idx = this.#index.size + fresh.size;
          fresh.set(s, idx);
          const len = Buffer.byteLength(s, 'utf8');
          tableGrowth += varintLength(len) + len;
        }
        refs += varintLength(idx);
      }
    }
    const sampleCost = first ? this.#sampleCost(first.t) : 0;
    const growth =
      tableGrowth +
      varintLength(this.#index.size + (fresh?.size ?? 0)) -
      varintLength(this.#index.size) +
      varintLength(this.#seriesCount + 1) -
      varintLength(this.#seriesCount) +
      refs +
      varintLength(first ? 1 : 0) +
      sampleCost;
    if (this.size() + growth > this.#maxBytes) return false;
    for (const [s, idx] of fresh ?? []) {
      this.#index.set(s, idx);
      const bytes = utf8(s);
      this.#table.varint(bytes.length);
      this.#table.bytes(bytes);
    }
    this.#openLabels.reset();
    this.#openLabels.varint(labels.size);
    for (const pair of labels) for (const s of pair) this.#openLabels.varint(this.#index.get(s)!);
    this.#openSamples.reset();
    this.#openCount = 0;
    this.#open = true;
    if (first) this.#appendSample(first);
    return true;
  }

  /** Adds a sample to the open series; false, with nothing changed, when over budget. */
  addSample(sample: Sample): boolean {
    if (!this.#open) throw new Error('BUG: addSample without an open series');
    const growth =
      this.#sampleCost(sample.t) +
      varintLength(this.#openCount + 1) -
      varintLength(this.#openCount);
    if (this.size() + growth > this.#maxBytes) return false;
    this.#appendSample(sample);
    return true;
  }

  /** Moves the open series (if any) into the body. */
  closeSeries(): void {
    if (!this.#open) return;
    this.#body.bytes(this.#openLabels.written());
    this.#body.varint(this.#openCount);
    this.#body.bytes(this.#openSamples.written());
    this.#seriesCount++;
    this.#open = false;
  }

  /** The exact encoded size if the chunk were finished now. */
  size(): number {
    const open = this.#open
      ? this.#openLabels.length + varintLength(this.#openCount) + this.#openSamples.length
      : 0;
    const seriesCount = this.#seriesCount + (this.#open ? 1 : 0);
    return (
      1 +
      varintLength(this.#index.size) +
      this.#table.length +
      varintLength(seriesCount) +
      this.#body.length +
      open
    );
  }

  /** The encoded chunk. */
  finish(): Uint8Array {
    this.closeSeries();
    const out = new ByteWriter();
    out.byte(this.#format);
    out.varint(this.#index.size);
    out.bytes(this.#table.written());
    out.varint(this.#seriesCount);
    out.bytes(this.#body.written());
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
    this.#openSamples.varint(zigzagDelta(sample.t - this.#prevT));
    this.#openSamples.value(sample);
    this.#prevT = sample.t;
    this.#openCount++;
  }
}

function zigzagDelta(delta: number): number {
  try {
    return zigzag(delta);
  } catch (err) {
    if (err instanceof BinaryFormatError) throw new CodecError(err.reason, -1, { cause: err });
    throw err;
  }
}
