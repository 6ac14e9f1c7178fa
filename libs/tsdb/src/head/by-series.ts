import type { RefSamples } from '../wal/index.js';

/**
 * Samples of many series regrouped series by series: the samples of ref r are
 * [start(r), start(r + 1)) of the columns, in their original order.
 */
export interface SamplesBySeries {
  /** Refs that have samples, ascending. */
  readonly refs: Uint32Array;
  /** Where each ref's samples start; `starts[i]` belongs to `refs[i]`, `starts[refs.length]` is the total. */
  readonly starts: Uint32Array;
  readonly ts: Float64Array;
  readonly vs: Float64Array;
  readonly stale: Uint8Array;
}

/**
 * Regroups `samples` series by series (a counting sort on the ref), keeping each series'
 * samples in their order. Linear in the samples plus the largest ref.
 */
export function groupBySeries(samples: RefSamples): SamplesBySeries {
  const total = samples.length;
  let maxRef = 0;
  for (let i = 0; i < total; i++) if (samples.ref(i) > maxRef) maxRef = samples.ref(i);
  // next[r] counts ref r's samples, then becomes where its next one goes.
  const next = new Uint32Array(maxRef + 1);
  for (let i = 0; i < total; i++) next[samples.ref(i)]!++;
  let distinct = 0;
  for (let r = 0; r <= maxRef; r++) if (next[r]! > 0) distinct++;
  const refs = new Uint32Array(distinct);
  const starts = new Uint32Array(distinct + 1);
  let at = 0;
  let k = 0;
  for (let r = 0; r <= maxRef; r++) {
    const n = next[r]!;
    if (n === 0) continue;
    refs[k] = r;
    starts[k++] = at;
    next[r] = at;
    at += n;
  }
  starts[distinct] = total;
  const ts = new Float64Array(total);
  const vs = new Float64Array(total);
  const stale = new Uint8Array(total);
  for (let i = 0; i < total; i++) {
    const to = next[samples.ref(i)]!++;
    ts[to] = samples.t(i);
    vs[to] = samples.v(i);
    stale[to] = samples.isStale(i) ? 1 : 0;
  }
  return { refs, starts, ts, vs, stale };
}
