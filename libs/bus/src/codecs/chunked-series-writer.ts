import { ByteWriter, varintLength } from '@promethium/model';
import type { Labels } from '@promethium/model';
import { CodecError } from '../errors.js';
import { zigzagDelta } from './binary-message.js';
import type { MessageWriter } from './chunking.js';
import { SeriesSection } from './series-section.js';
import type { WireChunk } from './wire-chunk.js';

/**
 * Writes one chunkedSeries message, tracking its exact size so it can be cut before it
 * exceeds a byte budget. The chunk bytes follow the header that describes them, so a
 * reader takes each chunk as a view without copying:
 *
 *   format byte
 *   varint byte length of the header, then the header:
 *     series (SeriesSection), each item a chunk's header:
 *       1 byte encoding
 *       zig-zag varint of minT minus the previous chunk's minT in this message (first: minus 0)
 *       varint maxT minus minT
 *       varint byte length of the chunk
 *   every chunk's bytes, in header order
 */
export class ChunkedSeriesWriter implements MessageWriter<WireChunk> {
  readonly #format: number;
  readonly #maxBytes: number;
  readonly #series = new SeriesSection();
  readonly #blobs: Uint8Array[] = [];
  #blobBytes = 0;
  #prevMinT = 0;

  /** A message in layout `format` that must stay within `maxBytes` (Infinity: unbounded). */
  constructor(format: number, maxBytes: number) {
    this.#format = format;
    this.#maxBytes = maxBytes;
  }

  get empty(): boolean {
    return this.#series.empty;
  }

  /** Opens a series with its first chunk (if any), closing the previous one. */
  openSeries(labels: Labels, first: WireChunk | undefined): boolean {
    const header =
      this.#series.openCost(labels, first ? 1 : 0) + (first ? this.#chunkHeaderCost(first) : 0);
    if (!this.#fits(header, first?.bytes.length ?? 0)) return false;
    this.#series.open(labels);
    if (first) this.#append(first);
    return true;
  }

  /** Adds a chunk to the open series. */
  add(chunk: WireChunk): boolean {
    const header = this.#chunkHeaderCost(chunk) + this.#series.itemCountCost();
    if (!this.#fits(header, chunk.bytes.length)) return false;
    this.#append(chunk);
    return true;
  }

  finish(): Uint8Array {
    const header = new ByteWriter();
    this.#series.writeTo(header);
    const head = new ByteWriter();
    head.byte(this.#format);
    head.varint(header.length);
    head.bytes(header.written());
    const out = new Uint8Array(head.length + this.#blobBytes);
    out.set(head.written());
    let at = head.length;
    for (const blob of this.#blobs) {
      out.set(blob, at);
      at += blob.length;
    }
    if (out.length > this.#maxBytes)
      throw new Error(`BUG: message of ${out.length} bytes exceeds its budget ${this.#maxBytes}`);
    return out;
  }

  /** Whether the message stays within budget with `header` more header bytes and `blob` more chunk bytes. */
  #fits(header: number, blob: number): boolean {
    const headerSize = this.#series.size + header;
    return 1 + varintLength(headerSize) + headerSize + this.#blobBytes + blob <= this.#maxBytes;
  }

  #chunkHeaderCost(chunk: WireChunk): number {
    checkChunk(chunk);
    return (
      1 +
      varintLength(zigzagDelta(chunk.minT - this.#prevMinT)) +
      varintLength(chunk.maxT - chunk.minT) +
      varintLength(chunk.bytes.length)
    );
  }

  #append(chunk: WireChunk): void {
    const w = this.#series.item();
    w.byte(chunk.encoding);
    w.varint(zigzagDelta(chunk.minT - this.#prevMinT));
    w.varint(chunk.maxT - chunk.minT);
    w.varint(chunk.bytes.length);
    this.#blobs.push(chunk.bytes);
    this.#blobBytes += chunk.bytes.length;
    this.#prevMinT = chunk.minT;
  }
}

function checkChunk({ encoding, minT, maxT, bytes }: WireChunk): void {
  if (!Number.isInteger(encoding) || encoding < 0 || encoding > 0xff)
    throw new CodecError(`chunk encoding ${encoding} is not a byte`);
  const ordered = Number.isSafeInteger(minT) && Number.isSafeInteger(maxT) && maxT >= minT;
  if (!ordered || !Number.isSafeInteger(maxT - minT))
    throw new CodecError(`chunk bounds [${minT}, ${maxT}] are not ascending integer times`);
  if (!(bytes instanceof Uint8Array)) throw new CodecError('chunk bytes are not a Uint8Array');
}
