import { ChunkCorruptError } from './errors.js';

/**
 * Reads a bit stream written by BitWriter, most significant bit first. The array must
 * hold at least 4 bytes past the byte of the last readable bit (BitWriter keeps
 * READ_PADDING_BYTES zero bytes there), so a 32-bit window never needs a bounds check;
 * reading past `end` throws ChunkCorruptError instead.
 */
export class BitReader {
  #buf: Uint8Array = new Uint8Array(0);
  #pos = 0;
  #end = 0;

  /** Reads bits [start, end) of `buf`. */
  reset(buf: Uint8Array, start: number, end: number): void {
    this.#buf = buf;
    this.#pos = start;
    this.#end = end;
  }

  /** The position of the next bit to read. */
  get position(): number {
    return this.#pos;
  }

  /** Bits left before the end. */
  get remaining(): number {
    return this.#end - this.#pos;
  }

  /** Reads one bit as 0 or 1. */
  readBit(): number {
    const pos = this.#pos;
    if (pos >= this.#end) this.#truncated(1);
    this.#pos = pos + 1;
    return (this.#buf[pos >>> 3]! >>> (7 - (pos & 7))) & 1;
  }

  /** Reads the next two bits as 0..3 (first bit high), the XOR chunk's common control pair. */
  readTwoBits(): number {
    const pos = this.#pos;
    if (pos + 2 > this.#end) this.#truncated(2);
    this.#pos = pos + 2;
    const buf = this.#buf;
    const i = pos >>> 3;
    return (((buf[i]! << 8) | buf[i + 1]!) >>> (14 - (pos & 7))) & 3;
  }

  /** Reads `n` bits (1 <= n <= 32) as an unsigned number; 32 bits come back as an int32. */
  readBits(n: number): number {
    const pos = this.#pos;
    if (pos + n > this.#end) this.#truncated(n);
    this.#pos = pos + n;
    const buf = this.#buf;
    const i = pos >>> 3;
    const offset = pos & 7;
    let window = (buf[i]! << 24) | (buf[i + 1]! << 16) | (buf[i + 2]! << 8) | buf[i + 3]!;
    if (offset !== 0) window = (window << offset) | (buf[i + 4]! >>> (8 - offset));
    return n === 32 ? window : window >>> (32 - n);
  }

  #truncated(n: number): never {
    throw new ChunkCorruptError(
      `truncated: ${n} more bits needed at bit ${this.#pos}, but the stream ends at bit ${this.#end}`,
    );
  }
}
