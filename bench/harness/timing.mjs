import { performance } from 'node:perf_hooks';
import { median } from './report.mjs';

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times measured, and returns the
 * median wall time in milliseconds with every measured time. `fn` may be async.
 */
export async function medianMs(fn, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), times };
}
