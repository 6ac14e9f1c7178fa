import { ALL_EXPERIMENTAL, Engine } from '@promethium/promql';
import type { EngineOptions } from '@promethium/promql';
import type { EvalCommand, Script } from '../script/types.js';
import { applyLoad } from '../storage/load.js';
import { MemoryStorage } from '../storage/memory.js';
import { runEval } from './eval.js';
import { selectorMatchers } from './selectors.js';
import type { QueryEngine } from './eval.js';

/**
 * The options Prometheus's harness runs its scripts with: lookback delta 5m, at most
 * 10,000 samples per query, timeout 100s, a 1m default subquery step and every
 * experimental feature, start timestamps included.
 */
export const TEST_ENGINE_OPTIONS: Readonly<Required<EngineOptions>> = {
  lookbackDeltaMs: 5 * 60_000,
  maxSamples: 10_000,
  timeoutMs: 100_000,
  parseOptions: ALL_EXPERIMENTAL,
  defaultSubqueryStepMs: 60_000,
  useStartTimestamps: true,
};

/** An engine configured as Prometheus's test harness configures its own. */
export function newTestEngine(): Engine {
  return new Engine(TEST_ENGINE_OPTIONS);
}

/** Options of runScript. */
export interface RunOptions {
  /** The engine under test; defaults to newTestEngine(). */
  readonly engine?: QueryEngine;
  /** Re-run each passing instant eval as a range query (upstream's first extra check); default true. */
  readonly rangeCheck?: boolean;
  /** Re-run each passing instant eval with @-pinned selectors at other times (upstream's second); default true. */
  readonly atCheck?: boolean;
  /** Runs only the evals it accepts; loads and clears always run. */
  readonly select?: (cmd: EvalCommand) => boolean;
}

/**
 * How one eval fared; `reason` (first problem found) is set exactly when it failed.
 * `nativeHistogram` marks a native-histogram case (see isNativeHistogramCase).
 */
export interface EvalOutcome {
  readonly file: string;
  readonly line: number;
  readonly expr: string;
  readonly passed: boolean;
  readonly nativeHistogram: boolean;
  readonly reason?: string;
}

const HISTOGRAM_REASON =
  'the query reads native histogram samples, which the engine does not support yet';

/**
 * Runs a parsed script against a fresh in-memory storage: loads, clears and evals in
 * order. Every selected eval yields one outcome; a query that reads native histogram
 * samples fails even if its result happens to match, because the engine never saw
 * that data. Rejects only if the runner itself breaks.
 */
export async function runScript(script: Script, options: RunOptions = {}): Promise<EvalOutcome[]> {
  const engine = options.engine ?? newTestEngine();
  const checks = { range: options.rangeCheck ?? true, at: options.atCheck ?? true };
  const storage = new MemoryStorage();
  const outcomes: EvalOutcome[] = [];
  for (const cmd of script.commands) {
    if (cmd.kind === 'clear') storage.clear();
    else if (cmd.kind === 'load') applyLoad(storage, cmd);
    else if (!options.select || options.select(cmd)) {
      storage.takeHistogramReads();
      let reason = await runEval(engine, storage, cmd, checks);
      const histogramReads = storage.takeHistogramReads();
      if (histogramReads > 0) reason ??= HISTOGRAM_REASON;
      const where = {
        file: script.file,
        line: cmd.line,
        expr: cmd.expr,
        nativeHistogram: histogramReads > 0 || isNativeHistogramCase(cmd, storage),
      };
      outcomes.push(
        reason === undefined ? { ...where, passed: true } : { ...where, passed: false, reason },
      );
    }
  }
  return outcomes;
}

/**
 * Whether an eval is a native-histogram case, left out of the float figure: its
 * expected result holds a `{{…}}` histogram, or one of its selectors matches a series
 * the loads stored histogram samples in. The latter is decided from the expression,
 * not from what the engine read, so a query the engine rejects before reading still
 * counts as the histogram case it is. (The runner also counts evals that read
 * histogram samples, which this implies.)
 */
export function isNativeHistogramCase(cmd: EvalCommand, storage: MemoryStorage): boolean {
  const expected = cmd.result.kind === 'series' ? cmd.result.series : [];
  if (expected.some((s) => s.values.some((v) => v.kind === 'histogram'))) return true;
  return selectorMatchers(cmd.expr).some((m) => storage.holdsHistograms(m));
}
