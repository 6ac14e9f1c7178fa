import { describe, expect, it } from '@jest/globals';
import { intersect, intersectUnion, union, without } from './set-algebra.js';
import { SeededRandom } from './testing/seeded-random.js';

const refs = (...values: number[]): Uint32Array => Uint32Array.from(values);
const list = (a: Uint32Array): number[] => [...a];

function naiveIntersect(lists: Uint32Array[]): number[] {
  if (lists.length === 0) return [];
  return list(lists[0]!).filter((r) => lists.every((l) => l.includes(r)));
}

function naiveUnion(lists: Uint32Array[]): number[] {
  return [...new Set(lists.flatMap(list))].sort((a, b) => a - b);
}

describe('intersect', () => {
  it.each<[string, Uint32Array[], number[]]>([
    ['no lists', [], []],
    ['one list', [refs(1, 5, 9)], [1, 5, 9]],
    ['an empty list', [refs(1, 2), refs()], []],
    ['disjoint', [refs(1, 3, 5), refs(2, 4, 6)], []],
    ['identical', [refs(1, 2, 3), refs(1, 2, 3)], [1, 2, 3]],
    ['subset', [refs(0, 2, 4, 6, 8), refs(4, 8)], [4, 8]],
    ['three lists', [refs(1, 2, 3, 4), refs(2, 3, 4, 5), refs(0, 3, 4)], [3, 4]],
    ['max ref', [refs(7, 0xffffffff), refs(0xffffffff)], [0xffffffff]],
  ])('%s', (_what, lists, want) => {
    expect(list(intersect(lists))).toEqual(want);
  });

  it('agrees with a naive intersection on random lists, merging and galloping', () => {
    const random = new SeededRandom(1);
    for (let round = 0; round < 200; round++) {
      const lists = Array.from({ length: 1 + random.int(4) }, () =>
        // Sizes from a few to thousands, so both the merge and the gallop paths run.
        random.sortedRefs(random.pick([3, 30, 300, 3000]), 5000),
      );
      expect(list(intersect(lists))).toEqual(naiveIntersect(lists));
    }
  });
});

describe('intersectUnion', () => {
  it.each<[string, Uint32Array, Uint32Array[], number[]]>([
    ['no lists', refs(1, 2), [], []],
    ['empty base', refs(), [refs(1)], []],
    ['one list', refs(1, 2, 3), [refs(2, 3, 4)], [2, 3]],
    ['overlapping lists', refs(1, 2, 3, 4), [refs(2, 9), refs(2, 4), refs(0)], [2, 4]],
  ])('%s', (_what, base, lists, want) => {
    expect(list(intersectUnion(base, lists))).toEqual(want);
  });

  it('agrees with intersecting the union, for small and large bases', () => {
    const random = new SeededRandom(4);
    for (let round = 0; round < 200; round++) {
      const base = random.sortedRefs(random.pick([5, 50, 3000]), 5000);
      const lists = Array.from({ length: random.int(10) }, () =>
        random.sortedRefs(random.pick([10, 1000]), 5000),
      );
      expect(list(intersectUnion(base, lists))).toEqual(
        naiveIntersect([base, Uint32Array.from(naiveUnion(lists))]),
      );
    }
  });
});

describe('union', () => {
  it.each<[string, Uint32Array[], number[]]>([
    ['no lists', [], []],
    ['empty lists', [refs(), refs()], []],
    ['one list', [refs(3, 4)], [3, 4]],
    ['disjoint', [refs(1, 3), refs(2, 4)], [1, 2, 3, 4]],
    ['identical', [refs(1, 2), refs(1, 2)], [1, 2]],
    ['many overlapping', [refs(1, 5), refs(5, 6), refs(0, 6), refs(9)], [0, 1, 5, 6, 9]],
  ])('%s', (_what, lists, want) => {
    expect(list(union(lists))).toEqual(want);
  });

  it('agrees with a naive union on random lists, two-way and k-way', () => {
    const random = new SeededRandom(2);
    for (let round = 0; round < 200; round++) {
      const lists = Array.from({ length: random.int(40) }, () =>
        random.sortedRefs(random.int(200), 2000),
      );
      expect(list(union(lists))).toEqual(naiveUnion(lists));
    }
  });
});

it('never modifies its inputs', () => {
  const random = new SeededRandom(6);
  const inputs = Array.from({ length: 5 }, () => random.sortedRefs(500, 1000));
  const copies = inputs.map(list);
  intersect(inputs);
  intersectUnion(inputs[0]!, inputs.slice(1));
  union(inputs);
  union(inputs.slice(0, 2));
  without(inputs[0]!, inputs[1]!);
  expect(inputs.map(list)).toEqual(copies);
});

describe('without', () => {
  it.each<[string, Uint32Array, Uint32Array, number[]]>([
    ['empty base', refs(), refs(1), []],
    ['nothing to drop', refs(1, 2), refs(), [1, 2]],
    ['disjoint', refs(1, 3), refs(2, 4), [1, 3]],
    ['identical', refs(1, 2, 3), refs(1, 2, 3), []],
    ['drop past the base', refs(1, 2), refs(0, 2, 7, 9), [1]],
    ['base past the drop', refs(1, 5, 8, 9), refs(5), [1, 8, 9]],
  ])('%s', (_what, base, drop, want) => {
    expect(list(without(base, drop))).toEqual(want);
  });

  it('agrees with a naive difference on random lists of very different sizes', () => {
    const random = new SeededRandom(3);
    for (let round = 0; round < 200; round++) {
      const base = random.sortedRefs(random.pick([2, 50, 4000]), 5000);
      const drop = random.sortedRefs(random.pick([2, 50, 4000]), 5000);
      const dropped = new Set(drop);
      expect(list(without(base, drop))).toEqual(list(base).filter((r) => !dropped.has(r)));
    }
  });
});
