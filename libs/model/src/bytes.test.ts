import { describe, expect, it } from '@jest/globals';
import { BinaryFormatError, ByteReader, ByteWriter, utf8, varintLength, zigzag } from './bytes.js';

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

describe('ByteWriter', () => {
  const hex = (w: ByteWriter): string => Buffer.from(w.written()).toString('hex');

  it('gives varintLength the length varint writes at every 7-bit boundary', () => {
    for (let bits = 0; bits <= 53; bits++) {
      for (const n of [2 ** bits - 1, 2 ** bits, 2 ** bits + 1]) {
        if (n < 0 || n > Number.MAX_SAFE_INTEGER) continue;
        const w = new ByteWriter(0);
        w.varint(n);
        expect([n, varintLength(n)]).toEqual([n, w.length]);
      }
    }
  });

  it.each([
    'job',
    '',
    'x'.repeat(127),
    'x'.repeat(128),
    'y'.repeat(20_000),
    'ünïcødé ☃',
    'a📈b',
    'é'.repeat(70),
    'lone \ud800 surrogate',
  ])('writes the string %j as its UTF-8 bytes after their count', (text) => {
    const w = new ByteWriter(4);
    w.byte(7);
    w.string(text);
    const expected = new ByteWriter();
    expected.byte(7);
    const bytes = utf8(text);
    expected.varint(bytes.length);
    expected.bytes(bytes);
    expect(hex(w)).toBe(hex(expected));
  });

  it('writes a varint over a placeholder byte, moving what follows when it needs more', () => {
    for (const n of [0, 127, 128, 16_383, 16_384, 2 ** 40]) {
      const w = new ByteWriter(2);
      w.byte(0xaa);
      w.byte(0);
      w.bytes(Uint8Array.of(1, 2, 3));
      w.varintAt(1, n);
      const expected = new ByteWriter();
      expected.byte(0xaa);
      expected.varint(n);
      expected.bytes(Uint8Array.of(1, 2, 3));
      expect(hex(w)).toBe(hex(expected));
    }
  });

  it('appends a range of bytes, short or long', () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    const w = new ByteWriter(1);
    w.bytes(data, 2, 5);
    w.bytes(data, 10, 90);
    w.bytes(data);
    w.bytes(data, 7, 7);
    expect([...w.written()]).toEqual([...data.subarray(2, 5), ...data.subarray(10, 90), ...data]);
  });

  it('truncates to an earlier length and goes on from there', () => {
    const w = new ByteWriter();
    w.string('keep');
    const kept = w.length;
    w.string('drop me');
    w.truncate(kept);
    w.byte(1);
    expect(hex(w)).toBe('046b65657001');
    expect(() => w.truncate(w.length + 1)).toThrow(RangeError);
    expect(() => w.truncate(-1)).toThrow(RangeError);
  });
});

describe('ByteReader', () => {
  it('skips bytes, and refuses to skip past the end', () => {
    const r = new ByteReader(Uint8Array.of(1, 2, 3, 4));
    r.skip(3);
    expect(r.byte()).toBe(4);
    expect(() => r.skip(1)).toThrow(/unexpected end of data \(at byte 4\)/);
  });

  it('reads one-byte varints up to the end of the data, then refuses', () => {
    const r = new ByteReader(Uint8Array.of(0, 0x7f, 0x80, 0x01));
    expect([r.varint(), r.varint(), r.varint()]).toEqual([0, 127, 128]);
    expect(() => r.varint()).toThrow(/unexpected end of data \(at byte 4\)/);
  });
});
