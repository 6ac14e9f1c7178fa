import type { Chunk } from '../chunk.js';

/** A sample as tests write and read it; `stale` marks a staleness marker. */
export interface TestSample {
  t: number;
  v: number;
  stale?: boolean;
}

/** Appends `samples` in order. */
export function appendAll<C extends Chunk>(chunk: C, samples: readonly TestSample[]): C {
  for (const s of samples) chunk.append(s.t, s.v, s.stale);
  return chunk;
}

/**
 * What a chunk should give back for `samples`, in a form jest's toEqual compares bit for
 * bit (Object.is: -0 differs from 0, NaN equals NaN): markers as the string 'stale'.
 */
export function expected(samples: readonly TestSample[]): [number, number | 'stale'][] {
  return samples.map((s) => [s.t, s.stale ? 'stale' : s.v]);
}

/** Every sample of `chunk` through its iterator, as `expected` writes them. */
export function readBack(chunk: Chunk): [number, number | 'stale'][] {
  const out: [number, number | 'stale'][] = [];
  const it = chunk.iterator();
  while (it.next()) out.push([it.t, it.isStale ? 'stale' : it.v]);
  return out;
}
