import { Gauge, Summary } from 'prom-client';
import type { Registry } from 'prom-client';
import type { QueryGate } from './query-gate.js';

/**
 * The parts of a query's life that are timed, as Prometheus's
 * `prometheus_engine_query_duration_seconds{slice}` names them. Only these two are
 * measured: the engine selects series lazily during evaluation and sorts its result
 * within it, so Prometheus's prepare_time and result_sort have no separate span here.
 */
export type QuerySlice = 'queue_time' | 'inner_eval';

// Go's client defaults for a summary without MaxAge/AgeBuckets, which Prometheus keeps.
const MAX_AGE_SECONDS = 10 * 60;
const AGE_BUCKETS = 5;

/**
 * Prometheus's query engine metrics for the queries of one API: queries in flight or
 * waiting, the concurrency limit, and the time spent in each slice. The engine reports no
 * sample count, so `prometheus_engine_query_samples_total` is not kept, and there is no
 * query log to report with `prometheus_engine_query_log_enabled`.
 */
export class EngineMetrics {
  readonly #durations: Summary<'slice'>;

  constructor(registry: Registry, gate: QueryGate) {
    new Gauge({
      name: 'prometheus_engine_queries',
      help: 'The current number of queries being executed or waiting.',
      registers: [registry],
      collect() {
        this.set(gate.active + gate.waiting);
      },
    });
    new Gauge({
      name: 'prometheus_engine_queries_concurrent_max',
      help: 'The max number of concurrent queries.',
      registers: [registry],
    }).set(gate.max);
    this.#durations = new Summary({
      name: 'prometheus_engine_query_duration_seconds',
      help: 'Query timings',
      labelNames: ['slice'],
      percentiles: [0.5, 0.9, 0.99],
      maxAgeSeconds: MAX_AGE_SECONDS,
      ageBuckets: AGE_BUCKETS,
      registers: [registry],
    });
  }

  /** Records that a query spent `ms` milliseconds in `slice`. */
  observe(slice: QuerySlice, ms: number): void {
    this.#durations.observe({ slice }, ms / 1000);
  }
}
