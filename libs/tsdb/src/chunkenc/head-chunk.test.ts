import { describe, expect, it } from '@jest/globals';
import { ChunkEncoding } from './chunk.js';
import type { Chunk, ChunkIterator } from './chunk.js';
import { ChunkAppendError, ChunkCorruptError } from './errors.js';
import { chunkFromBytes, iteratorFromBytes } from './from-bytes.js';
import { appendToHeadChunk } from './head-chunk.js';
import { IntegerChunk } from './integer-chunk.js';
import { MAX_CHUNK_BYTES, SAMPLES_PER_CHUNK } from './limits.js';
import { SeededRandom } from './testing/random.js';
import { appendAll, expected, readBack } from './testing/samples.js';
import type { TestSample } from './testing/samples.js';
import { XorChunk } from './xor-chunk.js';

const T0 = 1_700_000_000_000;
const STEP = 15_000;

/** Appends `samples` through the head policy; the cut chunks and the open one, in order. */
function throughHead(samples: readonly TestSample[], open?: Chunk): Chunk[] {
  const chunks: Chunk[] = [];
  let chunk = open;
  for (const s of samples) {
    chunk = appendToHeadChunk(chunk, s.t, s.v, s.stale === true, (full) => chunks.push(full));
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

/** Every sample of `chunks`, in order, after storing and reopening each by its encoding. */
function storedAndReadBack(chunks: readonly Chunk[]): ReturnType<typeof readBack> {
  return chunks.flatMap((c) => readBack(chunkFromBytes(c.encoding, c.bytes().slice())));
}

function counter(n: number, start = 1000): TestSample[] {
  return Array.from({ length: n }, (_, i) => ({ t: T0 + i * STEP, v: start + 7 * i }));
}

describe('appendToHeadChunk', () => {
  it.each([
    [42, false, ChunkEncoding.integer],
    [0, true, ChunkEncoding.integer],
    [Number.NaN, true, ChunkEncoding.integer],
    [0.5, false, ChunkEncoding.xor],
    [-0, false, ChunkEncoding.xor],
    [Number.NaN, false, ChunkEncoding.xor],
    [2 ** 53, false, ChunkEncoding.xor],
  ])('starts a chunk for value %d (stale %s) in encoding %d', (v, stale, encoding) => {
    const chunk = appendToHeadChunk(undefined, T0, v, stale, () => {
      throw new Error('nothing to cut');
    });
    expect(chunk.encoding).toBe(encoding);
    expect(readBack(chunk)).toEqual(expected([{ t: T0, v, stale }]));
  });

  it('converts an integer chunk to XOR at every position, keeping every sample', () => {
    for (let n = 1; n < SAMPLES_PER_CHUNK; n++) {
      const samples = counter(n);
      if (n > 3) samples[3]!.stale = true;
      samples.push({ t: T0 + n * STEP, v: 0.25 }, { t: T0 + (n + 1) * STEP, v: 9 });
      const chunks = throughHead(samples);
      expect(chunks.map((c) => c.encoding)).toEqual(
        n + 2 > SAMPLES_PER_CHUNK
          ? [ChunkEncoding.xor, ChunkEncoding.integer]
          : [ChunkEncoding.xor],
      );
      expect(storedAndReadBack(chunks)).toEqual(expected(samples));
    }
  });

  it('keeps appending to XOR once converted, and cuts full chunks into new integer ones', () => {
    const samples = counter(2 * SAMPLES_PER_CHUNK + 10);
    samples[5]!.v = 1.5;
    const chunks = throughHead(samples);
    expect(chunks.map((c) => [c.encoding, c.numSamples()])).toEqual([
      [ChunkEncoding.xor, SAMPLES_PER_CHUNK],
      [ChunkEncoding.integer, SAMPLES_PER_CHUNK],
      [ChunkEncoding.integer, 10],
    ]);
    expect(storedAndReadBack(chunks)).toEqual(expected(samples));
  });

  it('cuts the part of a conversion that XOR cannot fit in one chunk (seed 31)', () => {
    const rand = new SeededRandom(31);
    const samples: TestSample[] = [];
    const chunk = new IntegerChunk();
    // Jittered times and random 53-bit integers fill an integer chunk near MAX_CHUNK_BYTES.
    for (let i = 0; !chunk.isFull(); i++) {
      const s = {
        t: T0 + i * 1e9 + rand.int(0, 1e6),
        v: (rand.int(0, 1) ? 1 : -1) * (rand.int(2 ** 20, 2 ** 21 - 1) * 2 ** 32 + rand.uint32()),
      };
      samples.push(s);
      chunk.append(s.t, s.v);
    }
    // One sample fewer leaves the integer chunk open while XOR cannot hold it all.
    const almost = appendAll(new IntegerChunk(), samples.slice(0, -1));
    expect(almost.isFull()).toBe(false);
    const last = samples.at(-1)!;
    const tail = [{ t: last.t + 1, v: 0.1 }];
    const chunks = throughHead(tail, almost);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.encoding === ChunkEncoding.xor)).toBe(true);
    expect(chunks.every((c) => c.bytes().length <= MAX_CHUNK_BYTES)).toBe(true);
    expect(storedAndReadBack(chunks)).toEqual(expected([...samples.slice(0, -1), ...tail]));
  });

  it('leaves an integer chunk as it was when the converting sample has a refused time', () => {
    const open = appendAll(new IntegerChunk(), counter(5));
    const bytes = open.bytes().slice();
    const cut: Chunk[] = [];
    expect(() => appendToHeadChunk(open, T0, 0.5, false, (c) => cut.push(c))).toThrow(
      ChunkAppendError,
    );
    expect(cut).toEqual([]);
    expect([...open.bytes()]).toEqual([...bytes]);
  });

  it('keeps a staleness marker in either encoding without converting', () => {
    const samples: TestSample[] = [...counter(3), { t: T0 + 3 * STEP, v: 0, stale: true }];
    const integer = throughHead(samples);
    expect(integer.map((c) => c.encoding)).toEqual([ChunkEncoding.integer]);
    const floats = [{ t: T0 - 1, v: 0.5 }, ...samples];
    const xor = throughHead(floats);
    expect(xor.map((c) => c.encoding)).toEqual([ChunkEncoding.xor]);
    expect(storedAndReadBack(xor)).toEqual(expected(floats));
  });

  it('round-trips random mixes of counters, gauges, floats and markers (seed 32)', () => {
    const rand = new SeededRandom(32);
    for (let round = 0; round < 200; round++) {
      let t = rand.int(-1e12, 1e12);
      let v = rand.int(-1e6, 1e6);
      const floatEvery = rand.int(0, 1) ? rand.int(1, 400) : Number.POSITIVE_INFINITY;
      const samples = Array.from({ length: rand.int(1, 400) }, (_, i) => {
        t += rand.int(1, 30_000);
        v += rand.int(-3, 50);
        const stale = rand.int(0, 40) === 0;
        return { t, v: i % floatEvery === floatEvery - 1 ? v + 0.5 : v, stale };
      });
      const chunks = throughHead(samples);
      expect(chunks.slice(0, -1).every((c) => c.isFull())).toBe(true);
      expect(storedAndReadBack(chunks)).toEqual(expected(samples));
    }
  });
});

describe('chunkFromBytes', () => {
  it('reopens each encoding by its number', () => {
    const samples = counter(10);
    const xor = appendAll(new XorChunk(), samples);
    const integer = appendAll(new IntegerChunk(), samples);
    expect(chunkFromBytes(1, xor.bytes())).toBeInstanceOf(XorChunk);
    expect(chunkFromBytes(2, integer.bytes())).toBeInstanceOf(IntegerChunk);
    expect(readBack(chunkFromBytes(2, integer.bytes()))).toEqual(expected(samples));
  });

  it.each([0, 3, 255, -1])('rejects unknown encoding %d', (encoding) => {
    expect(() => chunkFromBytes(encoding, new Uint8Array([0, 0]))).toThrow(ChunkCorruptError);
    expect(() => chunkFromBytes(encoding, new Uint8Array([0, 0]))).toThrow(
      `unknown chunk encoding ${encoding}`,
    );
  });

  it('rejects bytes of one encoding read as the other', () => {
    const rand = new SeededRandom(33);
    const samples = counter(40).map((s) => ({ ...s, v: s.v + rand.int(0, 1000) }));
    const integer = appendAll(new IntegerChunk(), samples).bytes();
    expect(() => chunkFromBytes(ChunkEncoding.xor, integer)).toThrow(ChunkCorruptError);
  });
});

describe('a chunk read between appends', () => {
  it.each([
    ['integer', () => new IntegerChunk()],
    ['XOR', () => new XorChunk()],
  ])('has its %s bytes counted up to the last append', (_, make) => {
    const samples = counter(SAMPLES_PER_CHUNK);
    const chunk: Chunk = make();
    for (const [i, s] of samples.entries()) {
      chunk.append(s.t, s.v);
      if (i % 17 !== 0 && i !== samples.length - 1) continue;
      const bytes = chunk.bytes();
      expect((bytes[0]! << 8) | bytes[1]!).toBe(i + 1);
      expect(readBack(chunkFromBytes(chunk.encoding, bytes.slice()))).toEqual(
        expected(samples.slice(0, i + 1)),
      );
    }
  });
});

describe('iteratorFromBytes', () => {
  const walk = (it: ChunkIterator): [number, number | 'stale'][] => {
    const out: [number, number | 'stale'][] = [];
    while (it.next()) out.push([it.t, it.isStale ? 'stale' : it.v]);
    return out;
  };

  it('reads stored bytes of each encoding, reusing an iterator of the right kind', () => {
    const samples = counter(30);
    const xor = appendAll(new XorChunk(), samples).bytes().slice();
    const integer = appendAll(new IntegerChunk(), samples).bytes().slice();
    const first = iteratorFromBytes(ChunkEncoding.xor, xor);
    expect(walk(first)).toEqual(expected(samples));
    expect(iteratorFromBytes(ChunkEncoding.xor, xor, first)).toBe(first);
    const other = iteratorFromBytes(ChunkEncoding.integer, integer, first);
    expect(other).not.toBe(first);
    expect(walk(other)).toEqual(expected(samples));
  });

  it('reports damage while iterating, and unknown encodings and missing headers at once', () => {
    const bytes = appendAll(new XorChunk(), counter(30)).bytes().slice(0, -3);
    const it = iteratorFromBytes(ChunkEncoding.xor, bytes);
    expect(() => walk(it)).toThrow(ChunkCorruptError);
    expect(() => iteratorFromBytes(7, bytes)).toThrow('unknown chunk encoding 7');
    expect(() => iteratorFromBytes(ChunkEncoding.xor, Uint8Array.of(0))).toThrow(/no header/);
  });
});
