// Set operations over postings: Uint32Arrays of series refs, sorted and distinct.
// Inputs are never modified, and a result equal to an input may be that input itself:
// a caller that must own its result checks for that and copies.

const EMPTY = new Uint32Array(0);

/**
 * When one list is this many times longer than the other, stepping through the long one
 * by galloping (exponential then binary search) beats a linear merge.
 */
const GALLOP_RATIO = 16;

/** Up to this many lists, tight two-way merges beat the heap's bookkeeping (measured). */
const PAIRWISE_MAX = 4;

/** Refs present in every list; no lists select nothing. Smallest lists go first. */
export function intersect(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 0) return EMPTY;
  const bySize = [...lists].sort((a, b) => a.length - b.length);
  let result = bySize[0]!;
  for (let i = 1; i < bySize.length && result.length > 0; i++) {
    result = intersectTwo(result, bySize[i]!);
  }
  return result;
}

/**
 * `base` ∩ (l1 ∪ … ∪ lk). When the lists are large next to `base`, intersecting `base`
 * with each list (by galloping) is far cheaper than building their union first.
 */
export function intersectUnion(base: Uint32Array, lists: readonly Uint32Array[]): Uint32Array {
  let total = 0;
  for (const l of lists) total += l.length;
  if (base.length * lists.length >= total) return intersectTwo(base, union(lists));
  return union(lists.map((l) => intersectTwo(base, l)));
}

/** Refs present in any list, by a k-way merge. */
export function union(lists: readonly Uint32Array[]): Uint32Array {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return EMPTY;
  return nonEmpty.length <= PAIRWISE_MAX ? mergeHalves(nonEmpty) : mergeMany(nonEmpty);
}

/** Refs of `base` absent from `drop`. */
export function without(base: Uint32Array, drop: Uint32Array): Uint32Array {
  if (drop.length === 0 || base.length === 0) return base;
  const out = new Uint32Array(base.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < base.length; i++) {
    const ref = base[i]!;
    j = gallop(drop, ref, j);
    if (j === drop.length) {
      out.set(base.subarray(i), n);
      n += base.length - i;
      break;
    }
    if (drop[j] !== ref) out[n++] = ref;
  }
  return trimmed(out, n);
}

function intersectTwo(a: Uint32Array, b: Uint32Array): Uint32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  return large.length > small.length * GALLOP_RATIO
    ? intersectGalloping(small, large)
    : intersectMerging(small, large);
}

function intersectMerging(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (y < x) j++;
    else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  return trimmed(out, n);
}

function intersectGalloping(small: Uint32Array, large: Uint32Array): Uint32Array {
  const out = new Uint32Array(small.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const ref = small[i]!;
    j = gallop(large, ref, j);
    if (j === large.length) break;
    if (large[j] === ref) out[n++] = ref;
  }
  return trimmed(out, n);
}

function unionTwo(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x <= y) {
      out[n++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  out.set(a.subarray(i), n);
  n += a.length - i;
  out.set(b.subarray(j), n);
  n += b.length - j;
  return trimmed(out, n);
}

function mergeHalves(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!;
  const mid = lists.length >> 1;
  return unionTwo(mergeHalves(lists.slice(0, mid)), mergeHalves(lists.slice(mid)));
}

/**
 * k-way merge through a binary min-heap of the lists' next refs: O(total · log k)
 * rather than the O(total · k) of repeated two-way merges.
 */
function mergeMany(lists: readonly Uint32Array[]): Uint32Array {
  let total = 0;
  for (const l of lists) total += l.length;
  const out = new Uint32Array(total);
  const next = new Int32Array(lists.length);
  const heap: MergeHeap = {
    list: Int32Array.from(lists.keys()),
    ref: Uint32Array.from(lists, (l) => l[0]!),
    size: lists.length,
  };
  for (let i = (heap.size >> 1) - 1; i >= 0; i--) siftDown(heap, i);
  let n = 0;
  let last = -1;
  while (heap.size > 0) {
    const top = heap.list[0]!;
    const ref = heap.ref[0]!;
    if (ref !== last) out[n++] = last = ref;
    const source = lists[top]!;
    const at = ++next[top]!;
    if (at < source.length) heap.ref[0] = source[at]!;
    else {
      heap.size--;
      heap.list[0] = heap.list[heap.size]!;
      heap.ref[0] = heap.ref[heap.size]!;
    }
    siftDown(heap, 0);
  }
  return trimmed(out, n);
}

/** A min-heap of lists keyed by their next ref, in parallel arrays. */
interface MergeHeap {
  readonly list: Int32Array;
  readonly ref: Uint32Array;
  size: number;
}

function siftDown(heap: MergeHeap, from: number): void {
  const { list, ref, size } = heap;
  const itemList = list[from]!;
  const itemRef = ref[from]!;
  let at = from;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && ref[child + 1]! < ref[child]!) child++;
    if (ref[child]! >= itemRef) break;
    list[at] = list[child]!;
    ref[at] = ref[child]!;
    at = child;
  }
  list[at] = itemList;
  ref[at] = itemRef;
}

/**
 * The first index at or after `from` whose ref is >= `target` (`list.length` if none):
 * doubling steps bracket the target, then a binary search inside the bracket, so
 * skipping d refs costs O(log d).
 */
function gallop(list: Uint32Array, target: number, from: number): number {
  if (from >= list.length || list[from]! >= target) return from;
  let lo = from;
  let step = 1;
  while (lo + step < list.length && list[lo + step]! < target) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, list.length);
  // list[lo] < target, and list[hi] >= target or hi is the end.
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `out` cut to its first `n` refs, copied so a mostly empty buffer is not kept alive. */
function trimmed(out: Uint32Array, n: number): Uint32Array {
  if (n === out.length) return out;
  return n * 2 < out.length ? out.slice(0, n) : out.subarray(0, n);
}
