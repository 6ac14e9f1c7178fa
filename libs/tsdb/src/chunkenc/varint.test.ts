import { describe, expect, it } from '@jest/globals';
import { BitReader } from './bit-reader.js';
import { BitWriter } from './bit-writer.js';
import { ChunkCorruptError } from './errors.js';
import { readUvarint, readVarint, writeUvarint, writeVarint } from './varint.js';

function encode(write: (w: BitWriter) => void): number[] {
  const w = new BitWriter(0, 16);
  write(w);
  return [...w.bytes()];
}

function decode(bytes: number[], read: (r: BitReader) => number): number {
  const buf = new Uint8Array(bytes.length + 8);
  buf.set(bytes);
  const r = new BitReader();
  r.reset(buf, 0, bytes.length * 8);
  const value = read(r);
  expect(r.remaining).toBe(0);
  return value;
}

const MAX = Number.MAX_SAFE_INTEGER;

describe('varints', () => {
  // The bytes of Go's binary.PutVarint / PutUvarint encoding.
  it.each([
    [0, [0x00]],
    [-1, [0x01]],
    [1, [0x02]],
    [-64, [0x7f]],
    [64, [0x80, 0x01]],
    [1000, [0xd0, 0x0f]],
    [-1000, [0xcf, 0x0f]],
    [1_700_000_000_000, [0x80, 0xa0, 0xab, 0xfe, 0xf9, 0x62]],
  ])('writes varint %d as Go does', (t, bytes) => {
    expect(encode((w) => writeVarint(w, t))).toEqual(bytes);
    expect(decode(bytes, readVarint)).toBe(t);
  });

  it.each([
    [0, [0x00]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [15_000, [0x98, 0x75]],
  ])('writes uvarint %d as Go does', (u, bytes) => {
    expect(encode((w) => writeUvarint(w, u))).toEqual(bytes);
    expect(decode(bytes, readUvarint)).toBe(u);
  });

  it.each([MAX, -MAX, MAX - 1, -MAX + 1, 2 ** 52 + 1, -(2 ** 52) - 3, 63, -65])(
    'round-trips %d exactly',
    (t) => {
      expect(
        decode(
          encode((w) => writeVarint(w, t)),
          readVarint,
        ),
      ).toBe(t);
      if (t >= 0)
        expect(
          decode(
            encode((w) => writeUvarint(w, t)),
            readUvarint,
          ),
        ).toBe(t);
    },
  );

  it('rejects values beyond 2^53', () => {
    // 2^53 as a uvarint, and as the zigzag varint of 2^53 and of -2^53 - 1.
    const twoPow53 = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10];
    expect(() => decode(twoPow53, readUvarint)).toThrow(ChunkCorruptError);
    expect(() => decode([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20], readVarint)).toThrow(
      /not a safe integer/,
    );
    expect(() => decode([0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20], readVarint)).toThrow(
      /not a safe integer/,
    );
  });

  it('rejects an encoding longer than 10 bytes and a truncated one', () => {
    expect(() => decode(Array(11).fill(0x80), readUvarint)).toThrow(/longer than 10 bytes/);
    expect(() => decode([0x80, 0x80], readUvarint)).toThrow(/truncated/);
  });
});
