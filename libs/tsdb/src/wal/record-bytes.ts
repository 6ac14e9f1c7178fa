import { BinaryFormatError, staleMarker, utf8, writeValue } from '@promethium/model';

// The byte layout of ByteWriter (libs/model), specialised for records: values are written
// as raw floats, so no object is made per sample. ByteReader reads it back.

/** Varints carry non-negative safe integers (below 2^53): 8 groups of 7 bits cover them. */
const MAX_VARINT_BYTES = 8;
const ZIGZAG_LIMIT = 2 ** 52;
const TWO_POW_32 = 2 ** 32;
const STALE = staleMarker(0);

/** A growable byte buffer that records are encoded into, reused from record to record. */
export class RecordWriter {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(capacity = 4096) {
    this.#buf = new Uint8Array(capacity);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Forgets what was written, keeping the buffer. */
  reset(): void {
    this.#pos = 0;
  }

  /** The bytes written: a view, valid until the next write or reset. */
  written(): Uint8Array {
    return this.#buf.subarray(0, this.#pos);
  }

  byte(b: number): void {
    this.#reserve(1);
    this.#buf[this.#pos++] = b;
  }

  /** A non-negative safe integer as a base-128 varint, low group first. */
  varint(n: number): void {
    this.#reserve(MAX_VARINT_BYTES);
    const buf = this.#buf;
    let pos = this.#pos;
    let v = n;
    while (v >= TWO_POW_32) {
      buf[pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    while (v >= 0x80) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.#pos = pos;
  }

  /** A signed integer below 2^52 in magnitude as a zig-zag varint (0, -1, 1 → 0, 1, 2). */
  zigzag(n: number): void {
    if (!Number.isSafeInteger(n) || Math.abs(n) >= ZIGZAG_LIMIT) {
      throw new BinaryFormatError(`delta ${n} is not an integer below 2^52 in magnitude`);
    }
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  /** A float64, 8 bytes little-endian. */
  float(v: number): void {
    this.#reserve(8);
    this.#view.setFloat64(this.#pos, v, true);
    this.#pos += 8;
  }

  /** Prometheus's StaleNaN, as float() would write its bits. */
  staleMarker(): void {
    this.#reserve(8);
    writeValue(this.#view, this.#pos, STALE);
    this.#pos += 8;
  }

  /** A string as a varint byte length and its UTF-8 bytes. */
  string(text: string): void {
    const start = this.#pos;
    const n = text.length;
    this.varint(n);
    this.#reserve(n);
    // ASCII, what label text mostly is, is its own UTF-8: copied without an encoder.
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.#pos = start;
        this.#utf8(text);
        return;
      }
      buf[pos++] = c;
    }
    this.#pos = pos;
  }

  #utf8(text: string): void {
    const bytes = utf8(text);
    this.varint(bytes.length);
    this.#reserve(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  #reserve(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#pos + n));
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }
}
