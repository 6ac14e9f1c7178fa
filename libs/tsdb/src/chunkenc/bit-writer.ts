/**
 * Zero bytes always kept after the last written byte, so a BitReader can load a 5-byte
 * window at any bit it may read without a bounds check.
 */
export const READ_PADDING_BYTES = 8;

/**
 * An append-only stream of bits, most significant bit first, in a growable Uint8Array.
 * Bits are ORed into bytes that are still zero, so the stream never rewinds. Chunks
 * extend it, so that a chunk's stream and state are one object.
 */
export class BitWriter {
  #buf: Uint8Array;
  #pos: number;

  /** A stream whose first `reservedBytes` bytes are left zero for a header. */
  constructor(reservedBytes: number, capacity: number) {
    this.#buf = new Uint8Array(Math.max(capacity, reservedBytes + READ_PADDING_BYTES));
    this.#pos = reservedBytes * 8;
  }

  /**
   * A stream continuing after the first `bitLength` bits of `buf`, which it takes over;
   * every bit after those must be zero, and READ_PADDING_BYTES bytes must follow them.
   */
  static adopt(buf: Uint8Array, bitLength: number): BitWriter {
    const w = new BitWriter(0, 0);
    w.continueFrom(buf, bitLength);
    return w;
  }

  /** Continues after the first `bitLength` bits of `buf`, as adopt() does, dropping what was written. */
  protected continueFrom(buf: Uint8Array, bitLength: number): void {
    this.#buf = buf;
    this.#pos = bitLength;
  }

  /** The size to grow the array to when it must hold at least `minimum` bytes. */
  protected grownCapacity(minimum: number): number {
    return Math.max(minimum, this.#buf.length * 2);
  }

  /** Bits written so far, header included. */
  get bitLength(): number {
    return this.#pos;
  }

  /** Bytes written so far, the last one possibly partial. */
  get byteLength(): number {
    return (this.#pos + 7) >>> 3;
  }

  /**
   * The backing array: the stream in its first `byteLength` bytes, zeros after. It is
   * replaced when the stream grows, so a reader holding it keeps a stable snapshot.
   */
  get buffer(): Uint8Array {
    return this.#buf;
  }

  /** Sets the big-endian 16-bit word at a reserved header offset. */
  setUint16(byteOffset: number, value: number): void {
    this.#buf[byteOffset] = value >>> 8;
    this.#buf[byteOffset + 1] = value;
  }

  /** Writes the low `n` bits of `value`, 1 <= n <= 32. */
  writeBits(value: number, n: number): void {
    const pos = this.#pos;
    if (((pos + n) >>> 3) + READ_PADDING_BYTES >= this.#buf.length) this.#grow();
    const buf = this.#buf;
    const bits = n === 32 ? value : value & ((1 << n) - 1);
    let i = pos >>> 3;
    let free = 8 - (pos & 7);
    let left = n;
    // Fill the current byte, then whole bytes. A Uint8Array store keeps the low 8 bits,
    // which are exactly the next bits to write, so no per-byte mask is needed.
    while (left > free) {
      left -= free;
      buf[i++]! |= bits >>> left;
      free = 8;
    }
    buf[i]! |= bits << (free - left);
    this.#pos = pos + n;
  }

  /** Writes one bit (0 or 1). */
  writeBit(bit: number): void {
    const pos = this.#pos;
    if (((pos + 1) >>> 3) + READ_PADDING_BYTES >= this.#buf.length) this.#grow();
    if (bit !== 0) this.#buf[pos >>> 3]! |= 0x80 >>> (pos & 7);
    this.#pos = pos + 1;
  }

  /** Writes the low `n` bits of the 64-bit word `hi:lo`, 1 <= n <= 64. */
  writeBits64(hi: number, lo: number, n: number): void {
    if (n > 32) {
      this.writeBits(hi, n - 32);
      this.writeBits(lo, 32);
    } else {
      this.writeBits(lo, n);
    }
  }

  /** The written bytes as a view (exact length) of the backing array. */
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.byteLength);
  }

  #grow(): void {
    // Room for the widest write (32 bits, up to 5 bytes) and the read padding after it.
    const next = new Uint8Array(this.grownCapacity(this.byteLength + 5 + READ_PADDING_BYTES));
    next.set(this.#buf.subarray(0, this.byteLength));
    this.#buf = next;
  }
}
