import { describe, expect, it } from '@jest/globals';
import { BitReader } from './bit-reader.js';
import { ChunkEncoding } from './chunk.js';
import { decodeAll } from './decode.js';
import { ChunkAppendError } from './errors.js';
import { IntegerChunk, MAX_INTEGER_SAMPLE_BYTES } from './integer-chunk.js';
import { IntegerIterator } from './integer-iterator.js';
import { isIntegerValue } from './integer-values.js';
import { MAX_CHUNK_BYTES, SAMPLES_PER_CHUNK } from './limits.js';
import { SeededRandom } from './testing/random.js';
import { appendAll, expected, readBack } from './testing/samples.js';
import type { TestSample } from './testing/samples.js';
import { XorChunk } from './xor-chunk.js';

const T0 = 1_700_000_000_000;
const STEP = 15_000;
const MAX = Number.MAX_SAFE_INTEGER;

function regular(values: readonly number[], start = T0, step = STEP): TestSample[] {
  return values.map((v, i) => ({ t: start + i * step, v }));
}

/** Round-trips through the iterator, decodeAll and fromBytes, checking all agree. */
function expectRoundTrip(samples: readonly TestSample[]): IntegerChunk {
  const chunk = appendAll(new IntegerChunk(), samples);
  expect(chunk.numSamples()).toBe(samples.length);
  expect(readBack(chunk)).toEqual(expected(samples));
  const reopened = IntegerChunk.fromBytes(chunk.bytes());
  expect(readBack(reopened)).toEqual(expected(samples));
  expect([...reopened.bytes()]).toEqual([...chunk.bytes()]);
  const all = decodeAll(chunk);
  expect([...all.times]).toEqual(samples.map((s) => s.t));
  expect([...all.stale]).toEqual(samples.map((s) => (s.stale ? 1 : 0)));
  expect([...all.values]).toEqual(samples.map((s) => (s.stale ? Number.NaN : s.v)));
  return chunk;
}

/** The bits of `chunk` after its header, as a string of 0s and 1s. */
function bitsOf(chunk: IntegerChunk): string {
  return [...chunk.bytes().subarray(2)].map((b) => b.toString(2).padStart(8, '0')).join('');
}

describe('IntegerChunk format', () => {
  it('is encoding 2', () => {
    expect(new IntegerChunk().encoding).toBe(ChunkEncoding.integer);
    expect(ChunkEncoding.integer).toBe(2);
  });

  it('stores a regular constant series in 2 bits a sample', () => {
    const chunk = appendAll(new IntegerChunk(), regular([1, 1, 1, 1], 1000, 1000));
    // varint 1000 | '10' + 2-bit dod 1 | uvarint 1000 | '0' | '00' twice | padding
    expect(bitsOf(chunk)).toBe(
      '11010000' + '00001111' + '1001' + '11101000' + '00000111' + '0' + '0000' + '0000000',
    );
  });

  // Sample 3 of (0, 1e6, 2e6) with values (0, 0, dod) starts its value at bit 51: header,
  // varint 0 and value '0', 3-byte uvarint and '0', then the timestamp's '0'.
  it.each([
    [1, '10', 2],
    [2, '10', 2],
    [-1, '10', 2],
    [3, '110', 6],
    [-2, '110', 6],
    [32, '110', 6],
    [-31, '110', 6],
    [33, '1110', 12],
    [2048, '1110', 12],
    [-2047, '1110', 12],
    [2049, '11110', 20],
    [-2048, '11110', 20],
    [2 ** 19, '11110', 20],
    [2 ** 19 + 1, '111110', 32],
    [2 ** 31, '111110', 32],
    [1 - 2 ** 31, '111110', 32],
  ])('stores value dod %d in the bucket with prefix %s', (dod, prefix, bits) => {
    const chunk = expectRoundTrip([
      { t: 0, v: 0 },
      { t: 1e6, v: 0 },
      { t: 2e6, v: dod },
    ]);
    const r = new BitReader();
    const buf = new Uint8Array(64);
    buf.set(chunk.bytes());
    r.reset(buf, 51, chunk.bytes().length * 8);
    expect(r.readBits(prefix.length)).toBe(parseInt(prefix, 2));
    const raw = r.readBits(bits) >>> 0;
    expect(raw === dod || raw - 2 ** bits === dod).toBe(true);
    expect(r.remaining).toBeLessThan(8);
  });

  it.each([2 ** 31 + 1, -(2 ** 31), MAX, -MAX])(
    'stores a value whose dod fits no bucket whole: %d',
    (v) => {
      const chunk = expectRoundTrip([
        { t: 0, v: 0 },
        { t: 1e6, v: 0 },
        { t: 2e6, v },
      ]);
      expect(bitsOf(chunk).slice(51 - 16, 51 - 16 + 7)).toBe('1111110');
    },
  );

  it('stores a staleness marker as seven ones and keeps the run across it', () => {
    const samples: TestSample[] = regular([10, 20, 0, 30]);
    samples[2]!.stale = true;
    const chunk = expectRoundTrip(samples);
    // After the marker, 30 continues the run 10, 20: dod 0, one bit.
    expect(bitsOf(chunk)).toContain('01111111' + '00');
  });
});

describe('IntegerChunk round trips', () => {
  it('keeps a single sample, a first value of 0 and a first stale marker', () => {
    expect([expectRoundTrip([{ t: -5, v: 7 }]).minTime()]).toEqual([-5]);
    expectRoundTrip([{ t: 3, v: 0 }]);
    expectRoundTrip([
      { t: 3, v: 0, stale: true },
      { t: 4, v: 0, stale: true },
      { t: 5, v: 9 },
    ]);
  });

  it('keeps negative, huge and extreme integers, 2^53 - 1 and its negation', () => {
    expectRoundTrip(
      regular([
        0,
        -1,
        1,
        -MAX,
        MAX,
        MAX,
        -MAX,
        MAX - 1,
        2 ** 52,
        -(2 ** 52),
        -(2 ** 32),
        2 ** 32 - 1,
        2 ** 31,
        -(2 ** 31),
        123_456_789_012,
        -5,
        0,
      ]),
    );
  });

  it('keeps integer counters in under a byte a sample (seed 1)', () => {
    const rand = new SeededRandom(1);
    let v = 1e6;
    const chunk = expectRoundTrip(
      regular(Array.from({ length: 120 }, () => (v += 100 + rand.int(-1, 1)))),
    );
    expect(chunk.bytes().length / 120).toBeLessThan(1);
  });

  it('keeps random walks and random integers of every size (seed 2)', () => {
    const rand = new SeededRandom(2);
    for (let round = 0; round < 50; round++) {
      const chunk = new IntegerChunk();
      const samples: TestSample[] = [];
      let v = rand.int(-1e6, 1e6);
      for (let i = 0; !chunk.isFull(); i++) {
        const bits = rand.int(0, 53);
        v = rand.int(0, 3) === 0 ? rand.int(-(2 ** bits) + 1, 2 ** bits - 1) : v + rand.int(-9, 9);
        if (!isIntegerValue(v)) v = 0;
        const s = { t: T0 + i * STEP + rand.int(0, 1) * rand.int(-500, 500), v };
        samples.push(s);
        chunk.append(s.t, s.v);
      }
      expect(readBack(chunk)).toEqual(expected(samples));
      expectRoundTrip(samples);
    }
  });

  it('keeps timestamps across every dod bucket, negative times and 2^53', () => {
    const ts = [-2e15, -1e15, -1e15 + 1, -1e15 + 3, 0, 1, 8194, 16387, 100_000, 1e12, MAX];
    expectRoundTrip(ts.map((t, i) => ({ t, v: i * i })));
  });
});

describe('IntegerChunk limits', () => {
  it('is full at SAMPLES_PER_CHUNK samples and refuses more', () => {
    const chunk = appendAll(new IntegerChunk(), regular(Array(SAMPLES_PER_CHUNK - 1).fill(1)));
    expect(chunk.isFull()).toBe(false);
    chunk.append(T0 + 1e9, 1);
    expect(chunk.isFull()).toBe(true);
    expect(() => chunk.append(T0 + 2e9, 1)).toThrow(ChunkAppendError);
  });

  it('never grows more than MAX_INTEGER_SAMPLE_BYTES in one append and stays in MAX_CHUNK_BYTES (seed 3)', () => {
    const rand = new SeededRandom(3);
    for (let round = 0; round < 20; round++) {
      const chunk = new IntegerChunk();
      let t = -MAX;
      for (let i = 0; !chunk.isFull(); i++) {
        const before = chunk.bytes().length;
        t += i % 2 ? 2 ** 40 : 1;
        chunk.append(t, (rand.int(0, 1) ? -1 : 1) * rand.int(0, 2 ** 21 - 1) * 2 ** 32);
        expect(chunk.bytes().length - before).toBeLessThanOrEqual(MAX_INTEGER_SAMPLE_BYTES);
      }
      expect(chunk.numSamples()).toBeLessThan(SAMPLES_PER_CHUNK);
      expect(chunk.bytes().length).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    }
  });

  it.each([0.5, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53), 1e300])(
    'refuses the non-integer value %d, unless it is a staleness marker',
    (v) => {
      const chunk = appendAll(new IntegerChunk(), [{ t: 1, v: 1 }]);
      expect(() => chunk.append(2, v)).toThrow(ChunkAppendError);
      expect(() => chunk.append(2, v)).toThrow(/not an integer below 2\^53/);
      chunk.append(2, v, true);
      expect(readBack(chunk)).toEqual([
        [1, 1],
        [2, 'stale'],
      ]);
    },
  );

  it.each([
    [1.5, /not an integer/],
    [2 ** 53, /not an integer/],
    [T0, /not after the chunk's last timestamp/],
    [T0 - 1, /not after the chunk's last timestamp/],
  ])('refuses timestamp %d after T0', (t, message) => {
    const chunk = appendAll(new IntegerChunk(), [{ t: T0, v: 1 }]);
    expect(() => chunk.append(t, 2)).toThrow(message);
    expect(readBack(chunk)).toEqual([[T0, 1]]);
  });

  it('reports no min/max time while empty', () => {
    const chunk = new IntegerChunk();
    expect([chunk.minTime(), chunk.maxTime(), chunk.numSamples()]).toEqual([
      undefined,
      undefined,
      0,
    ]);
    expect([...chunk.bytes()]).toEqual([0, 0]);
    expect(readBack(chunk)).toEqual([]);
  });
});

describe('IntegerChunk.fromBytes', () => {
  it('continues appending exactly as the original chunk would, from any split (seed 4)', () => {
    const rand = new SeededRandom(4);
    let t = T0;
    let v = 0;
    const samples = Array.from({ length: 80 }, (_, i) => ({
      t: (t += STEP + rand.int(-20, 20)),
      v: (v = i % 13 === 6 ? rand.int(-MAX, MAX) : v + rand.int(0, 30)),
      stale: i % 11 === 5,
    }));
    const whole = appendAll(new IntegerChunk(), samples);
    for (let split = 0; split <= samples.length; split++) {
      const head = appendAll(new IntegerChunk(), samples.slice(0, split));
      const reopened = appendAll(IntegerChunk.fromBytes(head.bytes()), samples.slice(split));
      expect([...reopened.bytes()]).toEqual([...whole.bytes()]);
      expect(reopened.minTime()).toBe(samples[0]!.t);
      expect(reopened.maxTime()).toBe(samples.at(-1)!.t);
    }
  });

  it('copies its input, and reopens a full chunk as full', () => {
    const full = appendAll(new IntegerChunk(), regular(Array(SAMPLES_PER_CHUNK).fill(3)));
    const bytes = full.bytes().slice();
    const reopened = IntegerChunk.fromBytes(bytes);
    bytes.fill(0xff);
    expect(readBack(reopened)).toEqual(expected(regular(Array(SAMPLES_PER_CHUNK).fill(3))));
    expect(reopened.isFull()).toBe(true);
  });
});

describe('IntegerIterator', () => {
  const samples = regular([5, 6, 7, 0, 9, 10, -11, 12, 13, 14], 1000, 1000);
  samples[3]!.stale = true;

  it('seeks forward to the first sample at or after a time, never back', () => {
    const it = appendAll(new IntegerChunk(), samples).iterator();
    expect(it.seek(0)).toBe(true);
    expect([it.t, it.v]).toEqual([1000, 5]);
    expect(it.seek(3500)).toBe(true);
    expect([it.t, it.isStale, it.v]).toEqual([4000, true, Number.NaN]);
    expect(it.seek(4000)).toBe(true);
    expect(it.t).toBe(4000);
    expect(it.seek(1000)).toBe(true);
    expect(it.t).toBe(4000);
    expect(it.seek(7000)).toBe(true);
    expect([it.t, it.v]).toEqual([7000, -11]);
    expect(it.seek(10_001)).toBe(false);
    expect(it.next()).toBe(false);
  });

  it('sees the samples present when it was made, and is reused only when it is its own kind', () => {
    const chunk = appendAll(new IntegerChunk(), samples);
    const it = chunk.iterator();
    for (let i = 11; i <= 110; i++) chunk.append(i * 1000, i * 1000);
    let n = 0;
    while (it.next()) n++;
    expect(n).toBe(10);
    expect(chunk.iterator(it)).toBe(it);
    const xorIt = new XorChunk().iterator();
    expect(chunk.iterator(xorIt)).toBeInstanceOf(IntegerIterator);
    expect(new XorChunk().iterator(it)).not.toBe(it);
  });
});
