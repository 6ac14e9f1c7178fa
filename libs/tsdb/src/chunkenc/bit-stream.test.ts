import { describe, expect, it } from '@jest/globals';
import { BitReader } from './bit-reader.js';
import { BitWriter } from './bit-writer.js';
import { ChunkCorruptError } from './errors.js';
import { SeededRandom } from './testing/random.js';

function readerOf(w: BitWriter, startBit = 0): BitReader {
  const r = new BitReader();
  r.reset(w.buffer, startBit, w.bitLength);
  return r;
}

describe('BitWriter', () => {
  it('writes most significant bit first across byte boundaries', () => {
    const w = new BitWriter(0, 16);
    w.writeBits(0b101, 3);
    w.writeBits(0xff, 8);
    w.writeBits(0, 5);
    w.writeBit(1);
    expect([...w.bytes()]).toEqual([0b1011_1111, 0b1110_0000, 0b1000_0000]);
    expect(w.bitLength).toBe(17);
    expect(w.byteLength).toBe(3);
  });

  it('writes only the low n bits of the value', () => {
    const w = new BitWriter(0, 16);
    w.writeBits(0xffffffff, 4);
    w.writeBits(-1, 3);
    w.writeBits(0, 1);
    expect([...w.bytes()]).toEqual([0b1111_1110]);
  });

  it('leaves the reserved header zero and sets it as a big-endian word', () => {
    const w = new BitWriter(2, 16);
    w.writeBits(0xab, 8);
    expect([...w.bytes()]).toEqual([0, 0, 0xab]);
    w.setUint16(0, 0x1234);
    expect([...w.bytes()]).toEqual([0x12, 0x34, 0xab]);
  });

  it('grows past its initial capacity without losing bits', () => {
    const w = new BitWriter(0, 1);
    for (let i = 0; i < 1000; i++) w.writeBits(i & 0x7ff, 11);
    expect(w.byteLength).toBe(Math.ceil(11_000 / 8));
    expect(w.bytes().length).toBe(w.byteLength);
    const r = readerOf(w);
    for (let i = 0; i < 1000; i++) expect(r.readBits(11)).toBe(i & 0x7ff);
  });

  it('keeps zero padding after the written bytes for readers', () => {
    const w = new BitWriter(0, 1);
    for (let i = 0; i < 300; i++) {
      w.writeBits(0xffffffff, 32);
      expect(w.buffer.length - w.byteLength).toBeGreaterThanOrEqual(5);
      expect(w.buffer.subarray(w.byteLength).every((b) => b === 0)).toBe(true);
    }
  });

  it('writes fewer than 32 bits of a 64-bit word from the low half only', () => {
    const w = new BitWriter(0, 8);
    w.writeBits64(0xffffffff, 0x5, 3);
    expect([...w.bytes()]).toEqual([0b1010_0000]);
  });

  it('continues a stream it adopts after the given bit', () => {
    const first = new BitWriter(0, 16);
    first.writeBits(0b110, 3);
    const adopted = BitWriter.adopt(first.buffer, first.bitLength);
    adopted.writeBits(0b11111, 5);
    adopted.writeBit(1);
    expect([...adopted.bytes()]).toEqual([0b1101_1111, 0b1000_0000]);
  });
});

describe('BitReader', () => {
  it('reads 32- and 64-bit words at every bit offset', () => {
    for (let offset = 0; offset < 8; offset++) {
      const w = new BitWriter(0, 8);
      if (offset > 0) w.writeBits(0, offset);
      w.writeBits64(0xdeadbeef, 0x01234567, 64);
      w.writeBits(0x80000001, 32);
      const r = readerOf(w, offset);
      expect(r.readBits(32) >>> 0).toBe(0xdeadbeef);
      expect(r.readBits(32) >>> 0).toBe(0x01234567);
      expect(r.readBits(32) >>> 0).toBe(0x80000001);
      expect(r.remaining).toBe(0);
    }
  });

  it('reads two control bits at every offset', () => {
    const w = new BitWriter(0, 8);
    const pairs = [0, 1, 2, 3, 3, 2, 1, 0, 1, 3, 0, 2];
    for (const p of pairs) w.writeBits(p, 2);
    w.writeBit(1); // shifts the next pairs to odd offsets
    for (const p of pairs) w.writeBits(p, 2);
    const r = readerOf(w);
    for (const p of pairs) expect(r.readTwoBits()).toBe(p);
    expect(r.readBit()).toBe(1);
    for (const p of pairs) expect(r.readTwoBits()).toBe(p);
  });

  it('round-trips random widths and values (seed 7)', () => {
    const rand = new SeededRandom(7);
    const written: [number, number][] = [];
    const w = new BitWriter(0, 4);
    for (let i = 0; i < 20_000; i++) {
      const n = rand.int(1, 32);
      const value = rand.uint32();
      const expected = n === 32 ? value : value % 2 ** n;
      written.push([expected, n]);
      if (n === 1) w.writeBit(expected);
      else w.writeBits(value, n);
    }
    const r = readerOf(w);
    for (const [expected, n] of written) {
      const got = n === 1 ? r.readBit() : r.readBits(n);
      expect(got >>> 0).toBe(expected);
    }
    expect(r.remaining).toBe(0);
  });

  it('throws ChunkCorruptError instead of reading past the end', () => {
    const w = new BitWriter(0, 8);
    w.writeBits(0b101, 3);
    const r = readerOf(w);
    expect(() => r.readBits(4)).toThrow(ChunkCorruptError);
    expect(r.readBits(2)).toBe(0b10);
    expect(() => r.readTwoBits()).toThrow(/truncated: 2 more bits needed at bit 2/);
    expect(r.readBit()).toBe(1);
    expect(() => r.readBit()).toThrow(ChunkCorruptError);
  });
});
