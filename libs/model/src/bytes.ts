import { isStaleBits, readSample, writeValue } from './sample.js';
import type { Sample } from './sample.js';

/**
 * Bytes that do not hold what a binary decoder expects; `offset` is where the problem
 * starts (-1 when unknown). Packages with their own error types translate it at their
 * decoding entry points.
 */
export class BinaryFormatError extends Error {
  override readonly name = 'BinaryFormatError';
  /** The message without the offset suffix. */
  readonly reason: string;
  readonly offset: number;

  constructor(reason: string, offset = -1, options?: ErrorOptions) {
    super(offset >= 0 ? `${reason} (at byte ${offset})` : reason, options);
    this.reason = reason;
    this.offset = offset;
  }
}

// Varints carry non-negative safe integers (below 2^53): 8 groups of 7 bits cover them.
const MAX_VARINT_BYTES = 8;
// Zig-zag doubles; inputs below 2^52 in magnitude keep the result a safe integer.
const ZIGZAG_LIMIT = 2 ** 52;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Bytes a varint of `n` takes. */
export function varintLength(n: number): number {
  let len = 1;
  for (let v = n; v >= 0x80; v = Math.floor(v / 0x80)) len++;
  return len;
}

/** Zig-zag maps a signed integer to an unsigned one: 0,-1,1,-2 → 0,1,2,3. */
export function zigzag(n: number): number {
  if (!Number.isSafeInteger(n) || Math.abs(n) >= ZIGZAG_LIMIT)
    throw new BinaryFormatError(`timestamp delta ${n} is not an integer below 2^52 in magnitude`);
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** A growable byte buffer for encoders. */
export class ByteWriter {
  #buf = new Uint8Array(256);
  #view = new DataView(this.#buf.buffer);
  #len = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.#len;
  }

  /** Appends one byte. */
  byte(b: number): void {
    this.#reserve(1);
    this.#buf[this.#len++] = b;
  }

  /** Appends a non-negative safe integer as a base-128 varint. */
  varint(n: number): void {
    this.#reserve(MAX_VARINT_BYTES);
    let v = n;
    while (v >= 0x80) {
      this.#buf[this.#len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#buf[this.#len++] = v;
  }

  /** Appends a signed safe integer below 2^52 in magnitude as a zig-zag varint. */
  zigzag(n: number): void {
    this.varint(zigzag(n));
  }

  /** Appends a string as a varint byte length and its UTF-8 bytes (ByteReader.string reads it). */
  string(text: string): void {
    const bytes = utf8(text);
    this.varint(bytes.length);
    this.bytes(bytes);
  }

  /** Appends raw bytes. */
  bytes(data: Uint8Array): void {
    this.#reserve(data.length);
    this.#buf.set(data, this.#len);
    this.#len += data.length;
  }

  /** Appends a sample value as 8 little-endian bytes (staleness markers keep their bits). */
  value(sample: Pick<Sample, 'v' | 'stale'>): void {
    this.#reserve(8);
    writeValue(this.#view, this.#len, sample);
    this.#len += 8;
  }

  /** The bytes written, without copying; valid until the next write or reset. */
  written(): Uint8Array {
    return this.#buf.subarray(0, this.#len);
  }

  /** Forgets what was written, keeping the buffer for reuse. */
  reset(): void {
    this.#len = 0;
  }

  /** A copy of the bytes written. */
  toBytes(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }

  #reserve(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }
}

/** A bounds-checked reader for decoders; every failure is a BinaryFormatError naming the offset. */
export class ByteReader {
  readonly #data: Uint8Array;
  readonly #view: DataView;
  #pos = 0;

  constructor(data: Uint8Array) {
    this.#data = data;
    this.#view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  /** Current offset. */
  get pos(): number {
    return this.#pos;
  }

  /** Bytes left. */
  get remaining(): number {
    return this.#data.length - this.#pos;
  }

  /** Reads one byte. */
  byte(): number {
    if (this.#pos >= this.#data.length)
      throw new BinaryFormatError('unexpected end of data', this.#pos);
    return this.#data[this.#pos++]!;
  }

  /** Reads a varint written by ByteWriter.varint. */
  varint(): number {
    const start = this.#pos;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (!Number.isSafeInteger(value)) throw new BinaryFormatError('varint exceeds 2^53', start);
        return value;
      }
      scale *= 0x80;
    }
    throw new BinaryFormatError(`varint longer than ${MAX_VARINT_BYTES} bytes`, start);
  }

  /** Reads a zig-zag varint. */
  zigzag(): number {
    const u = this.varint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /**
   * Reads an element count and checks that `minBytesEach` bytes per element can still
   * follow, so a corrupt count cannot make the decoder allocate or loop for long.
   */
  count(minBytesEach: number, what: string): number {
    const start = this.#pos;
    const n = this.varint();
    if (n * minBytesEach > this.remaining)
      throw new BinaryFormatError(
        `${what} ${n} exceeds what the remaining ${this.remaining} bytes can hold`,
        start,
      );
    return n;
  }

  /** Reads a varint length and that many bytes of UTF-8. */
  string(): string {
    const start = this.#pos;
    const len = this.count(1, 'string length');
    const bytes = this.#data.subarray(this.#pos, this.#pos + len);
    this.#pos += len;
    try {
      return utf8Decoder.decode(bytes);
    } catch (err) {
      throw new BinaryFormatError('invalid UTF-8 in string', start, { cause: err });
    }
  }

  /** Reads 8 value bytes into a sample at time `t`. */
  sample(t: number): Sample {
    this.#needValue();
    const sample = readSample(this.#view, this.#pos, t);
    this.#pos += 8;
    return sample;
  }

  /** Whether the next 8 bytes hold StaleNaN; float() then reads past them. */
  isStaleMarker(): boolean {
    this.#needValue();
    return isStaleBits(this.#view, this.#pos);
  }

  /** Reads 8 bytes of little-endian float64. */
  float(): number {
    this.#needValue();
    const v = this.#view.getFloat64(this.#pos, true);
    this.#pos += 8;
    return v;
  }

  #needValue(): void {
    if (this.remaining < 8)
      throw new BinaryFormatError('unexpected end of data in a sample value', this.#pos);
  }

  /** Throws unless every byte was consumed. */
  end(): void {
    if (this.remaining !== 0)
      throw new BinaryFormatError(`${this.remaining} trailing bytes`, this.#pos);
  }
}
