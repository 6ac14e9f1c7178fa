import { Counter, Gauge, Histogram } from 'prom-client';
import type { Metric, Registry } from 'prom-client';

/**
 * Why committed samples were given up: the buffer was full when they were committed; their
 * retry budget ran out before JetStream stored them; or retrying cannot help (the bus is
 * closed, or a series is too large for any message).
 */
const DROP_REASONS = ['buffer_full', 'retries_exhausted', 'unretryable'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** The write path's metrics; see writeMetrics. */
export type WriteMetrics = ReturnType<typeof writeMetrics>;

// Several writers may share one registry (one-process mode, tests): each metric is created
// once per registry and the writers add to it, the gauges included (inc/dec, never set).
function shared<T extends Metric>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/** The metrics of ShardedAppendable on `registry`, created there unless already present. */
export function writeMetrics(registry: Registry) {
  const registers = [registry];
  const counter = (name: string, help: string) =>
    shared(registry, name, () => new Counter({ name, help, registers }));
  const gauge = (name: string, help: string) =>
    shared(registry, name, () => new Gauge({ name, help, registers }));
  return {
    stored: counter(
      'promethium_storage_write_samples_total',
      'Samples published to the storage shards and stored by JetStream.',
    ),
    dropped: shared(registry, 'promethium_storage_write_samples_dropped_total', () => {
      const dropped = new Counter({
        name: 'promethium_storage_write_samples_dropped_total',
        help: `Committed samples given up, by reason (${DROP_REASONS.join(', ')}).`,
        labelNames: ['reason'],
        registers,
      });
      for (const reason of DROP_REASONS) dropped.inc({ reason }, 0);
      return dropped;
    }) as Counter<'reason'>,
    retries: counter(
      'promethium_storage_write_retries_total',
      'Publishes of a write batch retried after a failure.',
    ),
    buffered: gauge(
      'promethium_storage_write_buffer_samples',
      'Samples committed but not yet stored or dropped.',
    ),
    capacity: gauge(
      'promethium_storage_write_buffer_capacity_samples',
      'Most samples the write buffer holds; further commits drop what does not fit.',
    ),
    publishDuration: shared(
      registry,
      'promethium_storage_write_publish_duration_seconds',
      () =>
        new Histogram({
          name: 'promethium_storage_write_publish_duration_seconds',
          help: 'Time taken by each durable publish of a write batch, failed attempts included.',
          registers,
        }),
    ),
  };
}
