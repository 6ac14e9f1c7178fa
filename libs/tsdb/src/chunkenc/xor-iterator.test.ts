import { describe, expect, it } from '@jest/globals';
import { decodeAll } from './decode.js';
import { appendAll, expected, readBack } from './testing/samples.js';
import { XorChunk } from './xor-chunk.js';
import type { XorIterator } from './xor-iterator.js';

/** Samples at 1000, 2000, ... 10000 with value t/1000. */
function tenSamples(): XorChunk {
  return appendAll(
    new XorChunk(),
    Array.from({ length: 10 }, (_, i) => ({ t: (i + 1) * 1000, v: i + 1 })),
  );
}

function at(it: XorIterator): [number, number] {
  return [it.t, it.v];
}

describe('XorIterator.seek', () => {
  it('positions at the first sample when seeking before it', () => {
    const it = tenSamples().iterator();
    expect(it.seek(-1e12)).toBe(true);
    expect(at(it)).toEqual([1000, 1]);
  });

  it('positions at an exact time, then at the next one between times', () => {
    const it = tenSamples().iterator();
    expect(it.seek(3000)).toBe(true);
    expect(at(it)).toEqual([3000, 3]);
    expect(it.seek(3500)).toBe(true);
    expect(at(it)).toEqual([4000, 4]);
  });

  it('never moves back, and a repeated seek stays put', () => {
    const it = tenSamples().iterator();
    expect(it.seek(5000)).toBe(true);
    expect(it.seek(2000)).toBe(true);
    expect(at(it)).toEqual([5000, 5]);
    expect(it.seek(5000)).toBe(true);
    expect(at(it)).toEqual([5000, 5]);
  });

  it('lets next() continue after the sought sample', () => {
    const it = tenSamples().iterator();
    it.seek(8000);
    expect(it.next()).toBe(true);
    expect(at(it)).toEqual([9000, 9]);
  });

  it('reaches the last sample exactly, then has nothing left', () => {
    const it = tenSamples().iterator();
    expect(it.seek(10_000)).toBe(true);
    expect(at(it)).toEqual([10_000, 10]);
    expect(it.next()).toBe(false);
    expect(it.seek(0)).toBe(false);
  });

  it('is false after the last sample, and stays false', () => {
    const it = tenSamples().iterator();
    expect(it.seek(10_001)).toBe(false);
    expect(it.seek(0)).toBe(false);
    expect(it.next()).toBe(false);
  });

  it('is false on an empty chunk', () => {
    const it = new XorChunk().iterator();
    expect(it.seek(0)).toBe(false);
    expect(it.next()).toBe(false);
  });
});

describe('XorIterator', () => {
  it('sees the samples present when it was made, not later appends', () => {
    const chunk = tenSamples();
    const it = chunk.iterator();
    // Enough appends to move the chunk to a bigger buffer under the iterator.
    for (let i = 11; i <= 110; i++) chunk.append(i * 1000, Math.sqrt(i));
    const seen: number[] = [];
    while (it.next()) seen.push(it.t);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 1000));
    expect(chunk.numSamples()).toBe(110);
  });

  it('starts over when reused', () => {
    const a = tenSamples();
    const b = appendAll(new XorChunk(), [{ t: 5, v: -0 }]);
    const it = a.iterator();
    it.seek(7000);
    expect(b.iterator(it)).toBe(it);
    expect(it.next()).toBe(true);
    expect(at(it)).toEqual([5, -0]);
    expect(it.next()).toBe(false);
    expect(a.iterator(it).next()).toBe(true);
    expect(at(it)).toEqual([1000, 1]);
  });

  it('reports a marker as stale with value NaN', () => {
    const chunk = appendAll(new XorChunk(), [
      { t: 1, v: 1 },
      { t: 2, v: 0, stale: true },
    ]);
    const it = chunk.iterator();
    it.next();
    expect([it.isStale, it.v]).toEqual([false, 1]);
    it.next();
    expect([it.isStale, it.v]).toEqual([true, Number.NaN]);
  });

  it('agrees with decodeAll, which reuses a given iterator', () => {
    const chunk = tenSamples();
    const reused = new XorChunk().iterator();
    const all = decodeAll(chunk, reused);
    expect([...all.times].map((t, i) => [t, all.values[i]])).toEqual(readBack(chunk));
    expect(readBack(chunk)).toEqual(
      expected(Array.from({ length: 10 }, (_, i) => ({ t: (i + 1) * 1000, v: i + 1 }))),
    );
  });
});
