import { describe, expect, it } from '@jest/globals';
import { BinaryFormatError, ByteReader, ByteWriter, varintLength, zigzag } from './bytes.js';

describe('varints', () => {
  it.each([0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER])(
    'round-trips %d in varintLength bytes',
    (n) => {
      const w = new ByteWriter();
      w.varint(n);
      expect(w.length).toBe(varintLength(n));
      const r = new ByteReader(w.toBytes());
      expect(r.varint()).toBe(n);
      r.end();
    },
  );

  it.each([0, 1, -1, 63, -64, 2 ** 40, -(2 ** 40), 2 ** 52 - 1, -(2 ** 52 - 1)])(
    'zig-zags %d',
    (n) => {
      const w = new ByteWriter();
      w.varint(zigzag(n));
      w.zigzag(n);
      const r = new ByteReader(w.toBytes());
      expect([r.zigzag(), r.zigzag()]).toEqual([n, n]);
      r.end();
    },
  );

  it.each(['', 'job', 'ünïcødé ☃'])('round-trips the string %j', (text) => {
    const w = new ByteWriter();
    w.string(text);
    const r = new ByteReader(w.toBytes());
    expect(r.string()).toBe(text);
    r.end();
  });

  it('refuses deltas beyond 2^52 and non-integers', () => {
    expect(() => zigzag(2 ** 52)).toThrow(BinaryFormatError);
    expect(() => zigzag(-(2 ** 52))).toThrow(BinaryFormatError);
    expect(() => zigzag(0.5)).toThrow(BinaryFormatError);
  });

  it.each([
    [[0x80, 0x80], /unexpected end of data \(at byte 2\)/],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], /longer than 8 bytes \(at byte 0\)/],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], /exceeds 2\^53/],
  ])('rejects the malformed varint %j', (bytes, message) => {
    expect(() => new ByteReader(Uint8Array.from(bytes)).varint()).toThrow(message);
  });
});
