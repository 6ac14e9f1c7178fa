import type { InstantSample } from '../engine/result.js';
import { BinaryHeap, goSort } from './heap.js';
import type { Less } from './heap.js';
import { prometheusLabelsHash } from './label-hash.js';

// NaN counts as the smallest value for topk and as the largest for bottomk, so it is the
// first to be evicted and the last to be emitted either way.
const ascending: Less<InstantSample> = (a, b) => Number.isNaN(a.v) || a.v < b.v;
const descending: Less<InstantSample> = (a, b) => Number.isNaN(a.v) || a.v > b.v;

/** Whether `candidate` should evict the heap's top (its weakest member). */
function evicts(top: InstantSample, candidate: InstantSample, wantTop: boolean): boolean {
  const better = wantTop ? top.v < candidate.v : top.v > candidate.v;
  return better || (Number.isNaN(top.v) && !Number.isNaN(candidate.v));
}

/** The `k` largest (`top`) or smallest samples of one group, best first. */
export function selectExtremes(
  samples: readonly InstantSample[],
  k: number,
  top: boolean,
): InstantSample[] {
  const less = top ? ascending : descending;
  const heap = new BinaryHeap(less);
  for (const s of samples) {
    if (heap.items.length < k) heap.push(s);
    else if (evicts(heap.items[0]!, s, top)) heap.replaceTop(s);
  }
  const out = heap.items;
  goSort(out, (a, b) => less(b, a));
  return out;
}

/** The first `k` samples of one group, in the (heap) order Prometheus emits them. */
export function selectFirst(samples: readonly InstantSample[], k: number): InstantSample[] {
  const heap = new BinaryHeap(ascending);
  for (const s of samples) {
    if (heap.items.length >= k) break;
    heap.push(s);
  }
  return heap.items;
}

const MAX_UINT64 = Number(2n ** 64n - 1n);

/**
 * The samples whose label-hash offset in [0, 1) lies below `ratio` (ratio ≥ 0) or at or
 * above 1 + ratio (ratio < 0), so that r and -(1 - r) pick complementary series.
 */
export function selectRatio(samples: readonly InstantSample[], ratio: number): InstantSample[] {
  const heap = new BinaryHeap(ascending);
  for (const s of samples) {
    const offset = Number(prometheusLabelsHash(s.labels)) / MAX_UINT64;
    if (ratio >= 0 ? offset < ratio : offset >= 1 + ratio) heap.push(s);
  }
  return heap.items;
}
