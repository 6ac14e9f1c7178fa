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
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  let len = 3;
  for (let v = n; v >= 0x200000; v = Math.floor(v / 0x80)) len++;
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

const MIN_GROWN_BYTES = 256;
const SHORT_COPY_BYTES = 32;

/** A growable byte buffer for encoders. */
export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  #len = 0;

  /** A writer whose buffer first holds `capacity` bytes (it grows as needed). */
  constructor(capacity = MIN_GROWN_BYTES) {
    this.#buf = new Uint8Array(capacity);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#len;
  }

  /** Appends one byte. */
  byte(b: number): void {
    if (this.#len >= this.#buf.length) this.#grow(1);
    this.#buf[this.#len++] = b;
  }

  /** Appends a non-negative safe integer as a base-128 varint. */
  varint(n: number): void {
    if (this.#len + MAX_VARINT_BYTES > this.#buf.length) this.#grow(MAX_VARINT_BYTES);
    this.#len = this.#putVarint(this.#len, n);
  }

  /**
   * Writes `n` as a varint at `at`, over the one placeholder byte written there, moving
   * the bytes after it on when the varint needs more (so a count can follow what it counts).
   */
  varintAt(at: number, n: number): void {
    const extra = varintLength(n) - 1;
    if (extra > 0) {
      if (this.#len + extra > this.#buf.length) this.#grow(extra);
      this.#buf.copyWithin(at + 1 + extra, at + 1, this.#len);
      this.#len += extra;
    }
    this.#putVarint(at, n);
  }

  /** Appends a signed safe integer below 2^52 in magnitude as a zig-zag varint. */
  zigzag(n: number): void {
    this.varint(zigzag(n));
  }

  /** Appends a string as a varint byte length and its UTF-8 bytes (ByteReader.string reads it). */
  string(text: string): void {
    // Label strings are nearly always ASCII: copying code units beats a call into the
    // encoder. The length goes first, so it is guessed as if ASCII and checked after.
    const n = text.length;
    const start = this.#len + varintLength(n);
    if (start + n > this.#buf.length) this.#grow(start + n - this.#len);
    const buf = this.#buf;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.#utf8String(text);
        return;
      }
      buf[start + i] = c;
    }
    this.#putVarint(this.#len, n);
    this.#len = start + n;
  }

  /** Appends raw bytes: `data`, or its bytes from `start` up to `end`. */
  bytes(data: Uint8Array, start = 0, end = data.length): void {
    const n = end - start;
    if (this.#len + n > this.#buf.length) this.#grow(n);
    const buf = this.#buf;
    const at = this.#len;
    // A few bytes copy faster one by one than through a view and set().
    if (n <= SHORT_COPY_BYTES) for (let i = 0; i < n; i++) buf[at + i] = data[start + i]!;
    else buf.set(n === data.length ? data : data.subarray(start, end), at);
    this.#len += n;
  }

  /** Appends a sample value as 8 little-endian bytes (staleness markers keep their bits). */
  value(sample: Pick<Sample, 'v' | 'stale'>): void {
    if (this.#len + 8 > this.#buf.length) this.#grow(8);
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

  /** Forgets what was written after the first `length` bytes (to undo a tentative write). */
  truncate(length: number): void {
    if (length < 0 || length > this.#len)
      throw new RangeError(`cannot truncate ${this.#len} bytes to ${length}`);
    this.#len = length;
  }

  /** A copy of the bytes written. */
  toBytes(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }

  // Writes a varint at `at`, with room for it; returns where it ends.
  #putVarint(at: number, n: number): number {
    const buf = this.#buf;
    let pos = at;
    let v = n;
    while (v >= 0x80) {
      buf[pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    buf[pos++] = v;
    return pos;
  }

  #utf8String(text: string): void {
    const bytes = utf8(text);
    this.varint(bytes.length);
    this.bytes(bytes);
  }

  #grow(n: number): void {
    let size = Math.max(this.#buf.length * 2, MIN_GROWN_BYTES);
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
    // Most varints decoders read (indexes, counts, deltas) are one byte.
    const b = this.#data[this.#pos];
    if (b !== undefined && b < 0x80) {
      this.#pos++;
      return b;
    }
    return this.#longVarint();
  }

  #longVarint(): number {
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

  /** Moves past `n` bytes. */
  skip(n: number): void {
    if (n > this.remaining) throw new BinaryFormatError('unexpected end of data', this.#pos);
    this.#pos += n;
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
