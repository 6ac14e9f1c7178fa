import { describe, expect, it } from '@jest/globals';
import { PostingsList } from './postings-list.js';
import { SeededRandom } from './testing/seeded-random.js';

function listOf(...refs: number[]): PostingsList {
  const list = new PostingsList();
  for (const ref of refs) list.add(ref);
  return list;
}

describe('PostingsList', () => {
  it('appends refs given in increasing order', () => {
    const list = listOf(...Array.from({ length: 1000 }, (_, i) => i * 3));
    expect(list.length).toBe(1000);
    expect([...list.view()]).toEqual(Array.from({ length: 1000 }, (_, i) => i * 3));
  });

  it('keeps the list sorted when a ref arrives out of order', () => {
    expect([...listOf(5, 9, 1, 7, 0, 10).view()]).toEqual([0, 1, 5, 7, 9, 10]);
  });

  it('ignores a ref already present, last or not', () => {
    const list = listOf(1, 4, 8);
    expect(list.add(8)).toBe(false);
    expect(list.add(4)).toBe(false);
    expect(list.add(5)).toBe(true);
    expect([...list.view()]).toEqual([1, 4, 5, 8]);
  });

  it('matches a sorted set under random adds', () => {
    const random = new SeededRandom(7);
    const list = new PostingsList();
    const want = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      // Mostly increasing, as the head adds, with stragglers and repeats.
      const ref = random.next() < 0.8 ? i : random.int(i + 1);
      list.add(ref);
      want.add(ref);
    }
    expect([...list.view()]).toEqual([...want].sort((a, b) => a - b));
  });

  it('removes refs and keeps working after shrinking', () => {
    const list = listOf(...Array.from({ length: 100 }, (_, i) => i));
    const drop = new Set(Array.from({ length: 97 }, (_, i) => i + 2));
    expect(list.removeAll(drop)).toBe(3);
    expect([...list.view()]).toEqual([0, 1, 99]);
    list.add(50);
    list.add(120);
    expect([...list.view()]).toEqual([0, 1, 50, 99, 120]);
    expect(list.removeAll(new Set([0, 1, 50, 99, 120]))).toBe(0);
    list.add(3);
    expect([...list.view()]).toEqual([3]);
  });
});
