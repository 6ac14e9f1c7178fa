import { describe, expect, it } from '@jest/globals';
import { BitWriter } from './bit-writer.js';
import { ChunkCorruptError } from './errors.js';
import { SeededRandom } from './testing/random.js';
import { appendAll, readBack } from './testing/samples.js';
import { writeUvarint, writeVarint } from './varint.js';
import { XorChunk } from './xor-chunk.js';
import { XorIterator } from './xor-iterator.js';

function sampleChunk(): Uint8Array {
  const rand = new SeededRandom(11);
  let t = 1_700_000_000_000;
  const samples = Array.from({ length: 40 }, (_, i) => ({
    t: (t += 15_000 + (i % 5 === 0 ? rand.int(-3000, 3000) : 0)),
    v: i % 3 ? rand.int(0, 100) : rand.float(),
    stale: i === 17,
  }));
  return appendAll(new XorChunk(), samples).bytes().slice();
}

/** A chunk written field by field: `count` in the header, then what `write` puts. */
function handMade(count: number, write: (w: BitWriter) => void): Uint8Array {
  const w = new BitWriter(2, 64);
  w.setUint16(0, count);
  write(w);
  return w.bytes().slice();
}

/** Sample 1 at t=0 with value 1.0, then the uvarint first delta. */
function twoSampleStart(w: BitWriter, delta: number): void {
  writeVarint(w, 0);
  w.writeBits64(0x3ff00000, 0, 64);
  writeUvarint(w, delta);
}

describe('XorChunk.fromBytes on corrupt bytes', () => {
  it('rejects every truncation of a valid chunk', () => {
    const bytes = sampleChunk();
    for (let n = 0; n < bytes.length; n++) {
      expect(() => XorChunk.fromBytes(bytes.subarray(0, n))).toThrow(ChunkCorruptError);
    }
    expect(() => XorChunk.fromBytes(bytes.subarray(0, 1))).toThrow(/no header/);
    expect(() => XorChunk.fromBytes(bytes.subarray(0, bytes.length - 1))).toThrow(
      /corrupt chunk of 40 samples at sample \d+: truncated/,
    );
  });

  it('rejects bytes after the last sample, and non-zero padding', () => {
    const bytes = sampleChunk();
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => XorChunk.fromBytes(longer)).toThrow(/at the end: 1 bytes follow it/);
    const padded = appendAll(new XorChunk(), [
      { t: 0, v: 1 },
      { t: 10, v: 1 },
    ])
      .bytes()
      .slice();
    padded[padded.length - 1]! |= 1;
    expect(() => XorChunk.fromBytes(padded)).toThrow(/non-zero padding/);
  });

  // One extra sample can hide in the last byte's zero padding ('00': same time step, same
  // value), as in Prometheus's format; the header is trusted that far.
  it('rejects a header counting more samples than the bytes hold', () => {
    const bytes = sampleChunk();
    bytes[1] = 45;
    expect(() => XorChunk.fromBytes(bytes)).toThrow(/at sample 4[1-5]: truncated/);
  });

  it('rejects a header counting fewer samples when more bytes follow', () => {
    const bytes = sampleChunk();
    bytes[1] = 2;
    expect(() => XorChunk.fromBytes(bytes)).toThrow(/bytes follow it/);
    expect(() => XorChunk.fromBytes(new Uint8Array([0, 0, 0]))).toThrow(ChunkCorruptError);
  });

  it('accepts an empty chunk', () => {
    expect(XorChunk.fromBytes(new Uint8Array([0, 0])).numSamples()).toBe(0);
  });

  it('rejects a zero first delta', () => {
    const bytes = handMade(2, (w) => {
      twoSampleStart(w, 0);
      w.writeBit(0);
    });
    expect(() => XorChunk.fromBytes(bytes)).toThrow(/delta 0 is not a positive/);
  });

  it('rejects a dod that makes time stand still or go back', () => {
    const bytes = handMade(3, (w) => {
      twoSampleStart(w, 1000);
      w.writeBit(0);
      w.writeBits((0b10 << 14) | (-1000 & 0x3fff), 16);
      w.writeBit(0);
    });
    expect(() => XorChunk.fromBytes(bytes)).toThrow(/at sample 3: timestamp delta 0/);
  });

  it('rejects timestamps past 2^53', () => {
    const bytes = handMade(3, (w) => {
      writeVarint(w, Number.MAX_SAFE_INTEGER - 1);
      w.writeBits64(0, 0, 64);
      writeUvarint(w, 1);
      w.writeBit(0);
      w.writeBits(0, 2);
    });
    expect(() => XorChunk.fromBytes(bytes)).toThrow(/exceeds 2\^53/);
  });

  it('rejects a value reusing a window before one was set', () => {
    const bytes = handMade(2, (w) => {
      twoSampleStart(w, 1000);
      w.writeBits(0b10, 2);
      w.writeBits(0, 30);
    });
    expect(() => XorChunk.fromBytes(bytes)).toThrow(/reuses a window before any was set/);
  });

  it('rejects a value window wider than 64 bits', () => {
    const bytes = handMade(2, (w) => {
      twoSampleStart(w, 1000);
      w.writeBits((0b11 << 11) | (31 << 6) | 40, 13);
      w.writeBits64(0, 0, 40);
    });
    expect(() => XorChunk.fromBytes(bytes)).toThrow(/window of 31\+40 bits exceeds 64/);
  });

  it('either decodes or throws ChunkCorruptError on random damage (seed 12)', () => {
    const rand = new SeededRandom(12);
    const valid = sampleChunk();
    let rejected = 0;
    for (let round = 0; round < 3000; round++) {
      const bytes = valid.slice(0, rand.int(valid.length - 8, valid.length));
      for (let flips = rand.int(1, 3); flips > 0; flips--) {
        bytes[rand.int(0, bytes.length - 1)]! ^= 1 << rand.int(0, 7);
      }
      try {
        const samples = readBack(XorChunk.fromBytes(bytes));
        expect(samples.length).toBe((bytes[0]! << 8) | bytes[1]!);
        for (let i = 1; i < samples.length; i++) {
          expect(samples[i]![0]).toBeGreaterThan(samples[i - 1]![0]);
          expect(Number.isSafeInteger(samples[i]![0])).toBe(true);
        }
      } catch (err) {
        expect(err).toBeInstanceOf(ChunkCorruptError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });
});

describe('XorIterator on corrupt bytes', () => {
  it('throws the same error again on every later call', () => {
    const bytes = sampleChunk();
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes.subarray(0, 20));
    const it = new XorIterator();
    it.reset(padded, 40, 20 * 8);
    let error: unknown;
    try {
      while (it.next());
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ChunkCorruptError);
    expect(() => it.next()).toThrow(error as Error);
    expect(() => it.seek(Number.MAX_SAFE_INTEGER)).toThrow(error as Error);
    expect(() => it.seek(0)).toThrow(error as Error);
  });
});
