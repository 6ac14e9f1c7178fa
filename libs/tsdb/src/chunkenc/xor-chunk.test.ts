import { describe, expect, it } from '@jest/globals';
import { BitReader } from './bit-reader.js';
import { decodeAll } from './decode.js';
import { ChunkAppendError } from './errors.js';
import { floatFromBits } from './float-bits.js';
import { MAX_CHUNK_BYTES, MAX_SAMPLE_BYTES, SAMPLES_PER_CHUNK } from './limits.js';
import { SeededRandom } from './testing/random.js';
import { appendAll, expected, readBack } from './testing/samples.js';
import type { TestSample } from './testing/samples.js';
import { XorChunk } from './xor-chunk.js';

const T0 = 1_700_000_000_000;
const STEP = 15_000;

function regular(values: readonly number[], start = T0, step = STEP): TestSample[] {
  return values.map((v, i) => ({ t: start + i * step, v }));
}

/** Round-trips through the iterator, decodeAll and fromBytes, checking all agree. */
function expectRoundTrip(samples: readonly TestSample[]): XorChunk {
  const chunk = appendAll(new XorChunk(), samples);
  expect(chunk.numSamples()).toBe(samples.length);
  expect(readBack(chunk)).toEqual(expected(samples));
  const reopened = XorChunk.fromBytes(chunk.bytes());
  expect(readBack(reopened)).toEqual(expected(samples));
  expect([...reopened.bytes()]).toEqual([...chunk.bytes()]);
  const all = decodeAll(chunk);
  expect([...all.times]).toEqual(samples.map((s) => s.t));
  expect([...all.stale]).toEqual(samples.map((s) => (s.stale ? 1 : 0)));
  expect([...all.values]).toEqual(samples.map((s) => (s.stale ? Number.NaN : s.v)));
  return chunk;
}

describe('XorChunk format', () => {
  it('writes the bytes Prometheus writes for a regular constant series', () => {
    const chunk = appendAll(new XorChunk(), regular([1, 1, 1], 1000, 1000));
    // count 3 | varint 1000 | 1.0 | uvarint delta 1000 | '0' '0' '0' + padding
    expect([...chunk.bytes()]).toEqual([
      0x00, 0x03, 0xd0, 0x0f, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xe8, 0x07, 0x00,
    ]);
  });

  it('writes a value window and a 14-bit dod as Prometheus does', () => {
    const chunk = appendAll(new XorChunk(), [
      { t: 0, v: 1 },
      { t: 1000, v: 2 },
      { t: 2001, v: 2 },
    ]);
    // 1.0 ^ 2.0 = 0x7ff0...: '1' '1' leading 00001, 11 significant bits 001011, 11 ones;
    // then dod 1: '10' + 14 bits of 1, and '0' for the unchanged value.
    expect([...chunk.bytes()]).toEqual([
      0x00, 0x03, 0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xe8, 0x07, 0xc2, 0x5f, 0xff, 0x80, 0x01,
      0x00,
    ]);
  });

  // Sample 3 of (0, 1e6, 2e6 + dod) starts at bit 113: header, varint 0, 8 value bytes,
  // 3-byte uvarint 1e6, and sample 2's unchanged-value bit.
  it.each([
    [8192, '10', 14],
    [-8191, '10', 14],
    [8193, '110', 17],
    [-8192, '110', 17],
    [65536, '110', 17],
    [-65535, '110', 17],
    [65537, '1110', 20],
    [-65536, '1110', 20],
    [524288, '1110', 20],
    [-524287, '1110', 20],
    [524289, '1111', 64],
    [-524288, '1111', 64],
    [4e12, '1111', 64],
  ])('stores dod %d in the bucket with prefix %s', (dod, prefix, bits) => {
    const samples = [
      { t: 0, v: 7 },
      { t: 1e6, v: 7 },
      { t: 2e6 + dod, v: 7 },
    ];
    const chunk = expectRoundTrip(samples);
    const r = new BitReader();
    const buf = new Uint8Array(64);
    buf.set(chunk.bytes());
    r.reset(buf, 113, chunk.bytes().length * 8);
    expect(r.readBits(prefix.length)).toBe(parseInt(prefix, 2));
    const raw = bits === 64 ? r.readBits(32) * 2 ** 32 + (r.readBits(32) >>> 0) : r.readBits(bits);
    expect(raw === dod || raw - 2 ** bits === dod).toBe(true);
    expect(r.readBit()).toBe(0); // the unchanged value
    expect(r.remaining).toBeLessThan(8);
  });
});

describe('XorChunk round trips', () => {
  it('keeps a single sample', () => {
    const chunk = expectRoundTrip([{ t: -5, v: 0.1 }]);
    expect([chunk.minTime(), chunk.maxTime()]).toEqual([-5, -5]);
  });

  it('keeps constant values in 1 bit a sample', () => {
    const chunk = expectRoundTrip(regular(Array(SAMPLES_PER_CHUNK).fill(42)));
    // 2 header + 6 varint + 8 value + 2 uvarint bytes, then 1 + 118 × 2 bits.
    expect(chunk.bytes().length).toBe(2 + 6 + 8 + 2 + Math.ceil(237 / 8));
  });

  it('keeps integer counters (seed 1)', () => {
    const rand = new SeededRandom(1);
    let v = 1e6;
    const chunk = expectRoundTrip(
      regular(Array.from({ length: 120 }, () => (v += rand.int(0, 50)))),
    );
    expect(chunk.bytes().length / 120).toBeLessThan(2);
  });

  it('keeps high-entropy floats bit for bit (seed 2)', () => {
    const rand = new SeededRandom(2);
    const samples: TestSample[] = [];
    const chunk = new XorChunk();
    for (let i = 0; !chunk.isFull(); i++) {
      const s = {
        t: T0 + i * STEP + rand.int(-500, 500),
        v: (rand.float() - 0.5) * 10 ** rand.int(-300, 300),
      };
      samples.push(s);
      chunk.append(s.t, s.v);
    }
    expect(readBack(chunk)).toEqual(expected(samples));
    expectRoundTrip(samples);
  });

  it('keeps special values: -0, ±Inf, NaN, extremes, subnormals', () => {
    expectRoundTrip(
      regular([
        0,
        -0,
        0,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -0,
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        Number.MIN_VALUE,
        -Number.MIN_VALUE,
        2 ** -1074,
        Number.NaN,
        Number.NaN,
        1,
        -1,
        Number.EPSILON,
        0,
      ]),
    );
  });

  it('keeps staleness markers apart from ordinary NaNs', () => {
    const samples: TestSample[] = regular([1, Number.NaN, 2, 3, Number.NaN, 3, 3]);
    samples[2]!.stale = true;
    samples[3]!.stale = true;
    samples[6]!.stale = true;
    const chunk = expectRoundTrip(samples);
    const all = decodeAll(chunk);
    expect([...all.stale]).toEqual([0, 0, 1, 1, 0, 0, 1]);
  });

  it('stores StaleNaN bits exactly, and an ordinary NaN carrying them as plain NaN', () => {
    const stale = appendAll(new XorChunk(), [{ t: 0, v: 5, stale: true }]);
    expect([...stale.bytes().subarray(3)]).toEqual([0x7f, 0xf0, 0, 0, 0, 0, 0, 0x02]);
    const payloadNaN = floatFromBits(0x7ff00000, 0x00000002);
    const plain = appendAll(new XorChunk(), [{ t: 0, v: payloadNaN }]);
    expect([...plain.bytes().subarray(3)]).toEqual([0x7f, 0xf8, 0, 0, 0, 0, 0, 0]);
    const it = plain.iterator();
    expect(it.next()).toBe(true);
    expect(it.isStale).toBe(false);
    expect(it.v).toBeNaN();
  });

  it('keeps timestamps across every dod bucket, negative times and 2^53', () => {
    const ts = [
      -2e15,
      -1e15,
      -1e15 + 1,
      -1e15 + 3,
      0,
      1,
      8194,
      16387,
      100_000,
      1e12,
      1e12 + 1,
      Number.MAX_SAFE_INTEGER - 1,
      Number.MAX_SAFE_INTEGER,
    ];
    expectRoundTrip(ts.map((t, i) => ({ t, v: i })));
  });

  it('keeps irregular random timestamps and deltas (seed 3)', () => {
    const rand = new SeededRandom(3);
    let t = -1e9;
    const samples = Array.from({ length: SAMPLES_PER_CHUNK }, () => {
      t += 1 + rand.int(0, 1) * rand.int(0, 2 ** rand.int(0, 40));
      return { t, v: rand.int(0, 3) === 0 ? rand.float() : 7 };
    });
    expectRoundTrip(samples);
  });
});

describe('XorChunk limits', () => {
  it('is full at SAMPLES_PER_CHUNK samples and refuses more', () => {
    const chunk = appendAll(new XorChunk(), regular(Array(SAMPLES_PER_CHUNK - 1).fill(1)));
    expect(chunk.isFull()).toBe(false);
    chunk.append(T0 + 1e9, 1);
    expect(chunk.isFull()).toBe(true);
    expect(() => chunk.append(T0 + 2e9, 1)).toThrow(ChunkAppendError);
    expect(chunk.numSamples()).toBe(SAMPLES_PER_CHUNK);
  });

  it('is full before MAX_CHUNK_BYTES with jittered times and high-entropy values (seed 4)', () => {
    const rand = new SeededRandom(4);
    const chunk = new XorChunk();
    for (let i = 0; !chunk.isFull(); i++) {
      const t = i * STEP + rand.int(0, 999);
      chunk.append(t, floatFromBits(rand.uint32() & 0x3fffffff, rand.uint32()));
    }
    expect(chunk.numSamples()).toBeLessThan(SAMPLES_PER_CHUNK);
    expect(chunk.bytes().length).toBeGreaterThan(MAX_CHUNK_BYTES - MAX_SAMPLE_BYTES);
    expect(chunk.bytes().length).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
  });

  it('never grows more than MAX_SAMPLE_BYTES in one append (seed 5)', () => {
    const rand = new SeededRandom(5);
    for (let round = 0; round < 20; round++) {
      const chunk = new XorChunk();
      let t = -Number.MAX_SAFE_INTEGER;
      for (let i = 0; !chunk.isFull(); i++) {
        const before = chunk.bytes().length;
        // Deltas alternating 1 and 2^40 give 64-bit dods; random bits give wide windows.
        t += i % 2 ? 2 ** 40 : 1;
        chunk.append(t, floatFromBits(rand.uint32(), rand.uint32()));
        expect(chunk.bytes().length - before).toBeLessThanOrEqual(MAX_SAMPLE_BYTES);
      }
      expect(chunk.bytes().length).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    }
  });

  it.each([
    [1.5, /not an integer/],
    [Number.NaN, /not an integer/],
    [Number.POSITIVE_INFINITY, /not an integer/],
    [2 ** 53, /not an integer/],
    [T0, /not after the chunk's last timestamp/],
    [T0 - 1, /not after the chunk's last timestamp/],
  ])('refuses timestamp %d after T0', (t, message) => {
    const chunk = appendAll(new XorChunk(), [{ t: T0, v: 1 }]);
    expect(() => chunk.append(t, 2)).toThrow(message);
    expect(() => chunk.append(t, 2)).toThrow(ChunkAppendError);
    expect(readBack(chunk)).toEqual([[T0, 1]]);
  });

  it('refuses a delta beyond 2^53', () => {
    const chunk = appendAll(new XorChunk(), [{ t: -Number.MAX_SAFE_INTEGER, v: 1 }]);
    expect(() => chunk.append(Number.MAX_SAFE_INTEGER, 2)).toThrow(/too far/);
  });

  it('reports no min/max time while empty', () => {
    const chunk = new XorChunk();
    expect([chunk.minTime(), chunk.maxTime(), chunk.numSamples()]).toEqual([
      undefined,
      undefined,
      0,
    ]);
    expect([...chunk.bytes()]).toEqual([0, 0]);
    expect(readBack(chunk)).toEqual([]);
  });
});

describe('XorChunk.fromBytes', () => {
  it('continues appending exactly as the original chunk would, from any split (seed 6)', () => {
    const rand = new SeededRandom(6);
    let t = T0;
    const samples = Array.from({ length: 60 }, (_, i) => ({
      t: (t += STEP + rand.int(-20, 20)),
      v: i % 7 === 3 ? Number.NaN : rand.int(0, 2) ? rand.int(0, 1000) : rand.float(),
      stale: i % 11 === 5,
    }));
    const whole = appendAll(new XorChunk(), samples);
    for (let split = 0; split <= samples.length; split++) {
      const head = appendAll(new XorChunk(), samples.slice(0, split));
      const reopened = appendAll(XorChunk.fromBytes(head.bytes()), samples.slice(split));
      expect([...reopened.bytes()]).toEqual([...whole.bytes()]);
      expect(reopened.minTime()).toBe(samples[0]!.t);
      expect(reopened.maxTime()).toBe(samples.at(-1)!.t);
    }
  });

  it('copies its input', () => {
    const original = appendAll(new XorChunk(), regular([1, 2, 3]));
    const bytes = original.bytes().slice();
    const reopened = XorChunk.fromBytes(bytes);
    bytes.fill(0xff);
    expect(readBack(reopened)).toEqual(expected(regular([1, 2, 3])));
  });

  it('reopens a full chunk as full', () => {
    const full = appendAll(new XorChunk(), regular(Array(SAMPLES_PER_CHUNK).fill(3)));
    const reopened = XorChunk.fromBytes(full.bytes());
    expect(reopened.isFull()).toBe(true);
    expect(() => reopened.append(T0 * 2, 1)).toThrow(/chunk is full/);
  });
});
