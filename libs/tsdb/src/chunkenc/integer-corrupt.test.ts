import { describe, expect, it } from '@jest/globals';
import { BitWriter } from './bit-writer.js';
import { ChunkCorruptError } from './errors.js';
import { IntegerChunk } from './integer-chunk.js';
import { SeededRandom } from './testing/random.js';
import { appendAll, readBack } from './testing/samples.js';
import { writeUvarint, writeVarint } from './varint.js';

function sampleChunk(): Uint8Array {
  const rand = new SeededRandom(21);
  let t = 1_700_000_000_000;
  let v = 0;
  const samples = Array.from({ length: 40 }, (_, i) => ({
    t: (t += 15_000 + (i % 5 === 0 ? rand.int(-3000, 3000) : 0)),
    v: (v = i % 9 === 4 ? rand.int(-(2 ** 40), 2 ** 40) : v + rand.int(0, 100)),
    stale: i === 17,
  }));
  return appendAll(new IntegerChunk(), samples).bytes().slice();
}

/** A chunk written field by field: `count` in the header, then what `write` puts. */
function handMade(count: number, write: (w: BitWriter) => void): Uint8Array {
  const w = new BitWriter(2, 64);
  w.setUint16(0, count);
  write(w);
  return w.bytes().slice();
}

/** A whole value's code: '1111110', 22 high bits, 32 low bits. */
function wholeValue(w: BitWriter, high: number, low: number): void {
  w.writeBits(0x7e, 7);
  w.writeBits(high, 22);
  w.writeBits(low, 32);
}

describe('IntegerChunk.fromBytes on corrupt bytes', () => {
  it('rejects every truncation of a valid chunk', () => {
    const bytes = sampleChunk();
    for (let n = 0; n < bytes.length; n++) {
      expect(() => IntegerChunk.fromBytes(bytes.subarray(0, n))).toThrow(ChunkCorruptError);
    }
    expect(() => IntegerChunk.fromBytes(bytes.subarray(0, 1))).toThrow(/no header/);
    expect(() => IntegerChunk.fromBytes(bytes.subarray(0, bytes.length - 1))).toThrow(
      /corrupt chunk of 40 samples at sample \d+: truncated/,
    );
  });

  it('rejects bytes after the last sample, and non-zero padding', () => {
    const bytes = sampleChunk();
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => IntegerChunk.fromBytes(longer)).toThrow(/at the end: 1 bytes follow it/);
    const padded = appendAll(new IntegerChunk(), [{ t: 0, v: 1 }])
      .bytes()
      .slice();
    padded[padded.length - 1]! |= 1;
    expect(() => IntegerChunk.fromBytes(padded)).toThrow(/non-zero padding/);
  });

  it('rejects a header counting more or fewer samples than the bytes hold', () => {
    const more = sampleChunk();
    more[1] = 45;
    expect(() => IntegerChunk.fromBytes(more)).toThrow(/at sample 4[1-5]: truncated/);
    const fewer = sampleChunk();
    fewer[1] = 2;
    expect(() => IntegerChunk.fromBytes(fewer)).toThrow(/bytes follow it/);
  });

  it('accepts an empty chunk', () => {
    expect(IntegerChunk.fromBytes(new Uint8Array([0, 0])).numSamples()).toBe(0);
  });

  it('rejects a whole value of -2^53', () => {
    const bytes = handMade(1, (w) => {
      writeVarint(w, 0);
      wholeValue(w, 1 << 21, 0);
    });
    expect(() => IntegerChunk.fromBytes(bytes)).toThrow(
      /sample 1: value -9007199254740992 exceeds 2\^53/,
    );
  });

  it('rejects dods that leave the safe integers', () => {
    // 2^53 - 1, then +2^31: the value overflows.
    const value = handMade(2, (w) => {
      writeVarint(w, 0);
      wholeValue(w, 2 ** 21 - 1, 0xffffffff);
      writeUvarint(w, 1);
      w.writeBits(0b111110, 6);
      w.writeBits(2 ** 31, 32);
    });
    expect(() => IntegerChunk.fromBytes(value)).toThrow(
      /sample 2: value dod .* leaves the safe integers/,
    );
    // 2^53 - 1 twice (delta 0), then dod 1: the delta is fine, the value overflows.
    const afterRepeat = handMade(3, (w) => {
      writeVarint(w, 0);
      wholeValue(w, 2 ** 21 - 1, 0xffffffff);
      writeUvarint(w, 1);
      w.writeBit(0);
      w.writeBits(0b0, 1); // time dod 0
      w.writeBits(0b11110, 5);
      w.writeBits(1, 20);
    });
    expect(() => IntegerChunk.fromBytes(afterRepeat)).toThrow(
      /sample 3: value dod 1 .* safe integers/,
    );
  });

  it('rejects a zero timestamp delta', () => {
    const bytes = handMade(2, (w) => {
      writeVarint(w, 0);
      w.writeBit(0);
      writeUvarint(w, 0);
      w.writeBit(0);
    });
    expect(() => IntegerChunk.fromBytes(bytes)).toThrow(/sample 2: timestamp delta 0/);
  });

  it('keeps failing once it has failed', () => {
    const bytes = sampleChunk();
    const chunk = IntegerChunk.fromBytes(bytes);
    const it = chunk.iterator();
    const cut = new Uint8Array(bytes.length + 8);
    cut.set(bytes.subarray(0, 20));
    it.reset(cut, 40, 20 * 8);
    expect(() => {
      while (it.next());
    }).toThrow(ChunkCorruptError);
    expect(() => it.next()).toThrow(ChunkCorruptError);
    expect(() => it.seek(0)).toThrow(ChunkCorruptError);
  });

  it('decodes or throws ChunkCorruptError on random bytes and bit flips, never anything else (seed 22)', () => {
    const rand = new SeededRandom(22);
    const valid = sampleChunk();
    let decoded = 0;
    for (let round = 0; round < 3000; round++) {
      let bytes: Uint8Array;
      if (round % 2 === 0) {
        bytes = valid.slice();
        bytes[rand.int(0, bytes.length - 1)]! ^= 1 << rand.int(0, 7);
      } else {
        bytes = new Uint8Array(rand.int(0, 60));
        for (let i = 0; i < bytes.length; i++) bytes[i] = rand.int(0, 255);
        if (bytes.length >= 2) bytes[0] = 0;
      }
      try {
        const chunk = IntegerChunk.fromBytes(bytes);
        const back = readBack(chunk);
        expect(back.every(([, v]) => v === 'stale' || Number.isSafeInteger(v))).toBe(true);
        decoded++;
      } catch (err) {
        expect(err).toBeInstanceOf(ChunkCorruptError);
      }
    }
    expect(decoded).toBeGreaterThan(0);
  });
});
