import { Labels, METRIC_NAME, type Matcher } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';

/** `vector(s)`: one sample without labels holding the scalar `v` at time `t`. */
export function vector(v: number, t: number): InstantSample[] {
  return [{ labels: Labels.EMPTY, t, v }];
}

/** `scalar(v)`: the value of the only sample, NaN when there are none or several. */
export function scalar(samples: readonly InstantSample[]): number {
  return samples.length === 1 ? samples[0]!.v : NaN;
}

/**
 * The labels of the sample `absent(sel)` and `absent_over_time(sel[d])` return: one
 * label per equality matcher other than `__name__`, dropping any name that has another
 * matcher too (so `{job="a",job="b"}` yields no `job`).
 */
export function absentLabels(matchers: readonly Matcher[]): Labels {
  const values = new Map<string, string>();
  const seen = new Set<string>();
  for (const m of matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !seen.has(m.name)) values.set(m.name, m.value);
    else values.delete(m.name);
    seen.add(m.name);
  }
  return Labels.fromPairs(values);
}
