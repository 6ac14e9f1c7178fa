import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Tsdb } from '@promethium/tsdb';

type Read = (tsdb: Tsdb) => number;

// Prometheus labels its sample counters by sample type; this store holds floats only.
const FLOAT = { type: 'float' };

/** The store figures every shard exposes, read from the Tsdb when /metrics is scraped. */
const FIGURES: readonly {
  name: string;
  help: string;
  kind: 'counter' | 'gauge';
  read: Read;
  labels?: Record<string, string>;
}[] = [
  {
    name: 'prometheus_tsdb_head_series',
    help: 'Total number of series in the head block.',
    kind: 'gauge',
    read: (t) => t.numSeries,
  },
  {
    name: 'prometheus_tsdb_head_series_created_total',
    help: 'Total number of series created in the head',
    kind: 'counter',
    read: (t) => t.counters.seriesCreated,
  },
  {
    name: 'prometheus_tsdb_head_series_removed_total',
    help: 'Total number of series removed in the head',
    kind: 'counter',
    read: (t) => t.counters.seriesRemoved,
  },
  {
    name: 'prometheus_tsdb_head_samples_appended_total',
    help: 'Total number of appended samples.',
    kind: 'counter',
    read: (t) => t.counters.appended,
    labels: FLOAT,
  },
  {
    name: 'prometheus_tsdb_head_out_of_order_samples_appended_total',
    help: 'Total number of appended out of order samples.',
    kind: 'counter',
    read: (t) => t.counters.outOfOrderAppended,
    labels: FLOAT,
  },
  {
    name: 'prometheus_tsdb_out_of_order_samples_total',
    help: 'Total number of out of order samples ingestion failed attempts due to out of order being disabled.',
    kind: 'counter',
    read: (t) => t.counters.rejected.out_of_order,
    labels: FLOAT,
  },
  {
    name: 'prometheus_tsdb_too_old_samples_total',
    help: 'Total number of out of order samples ingestion failed attempts with out of order support enabled, but sample outside of time window.',
    kind: 'counter',
    read: (t) => t.counters.rejected.too_old,
    labels: FLOAT,
  },
  {
    name: 'prometheus_tsdb_duplicate_samples_total',
    help: 'Samples refused because their series already had another value at that timestamp ("duplicate sample").',
    kind: 'counter',
    read: (t) => t.counters.rejected.duplicate_sample,
    labels: FLOAT,
  },
  {
    name: 'prometheus_tsdb_wal_storage_size_bytes',
    help: 'Size of the write log directory.',
    kind: 'gauge',
    read: (t) => t.walBytes(),
  },
  {
    name: 'prometheus_tsdb_storage_blocks_bytes',
    help: 'The number of bytes that are currently used for local storage by all blocks.',
    kind: 'gauge',
    read: (t) => t.storageBytes(),
  },
  {
    name: 'prometheus_tsdb_compactions_total',
    help: 'Total number of compactions: checkpoints that moved closed head chunks to disk and truncated the WAL.',
    kind: 'counter',
    read: (t) => t.counters.checkpoints,
  },
  {
    name: 'promethium_tsdb_chunks_written_total',
    help: 'Closed chunks written to disk by checkpoints.',
    kind: 'counter',
    read: (t) => t.counters.chunksWritten,
  },
  {
    name: 'promethium_tsdb_retention_chunks_removed_total',
    help: 'Chunks deleted by time or size retention.',
    kind: 'counter',
    read: (t) => t.counters.chunksRemoved,
  },
];

// Several shards may share one registry (one-process mode): each metric is created once
// per registry and labelled by shard, and asks every store registered with it.
const storesByRegistry = new WeakMap<Registry, Map<number, Tsdb>>();

/** Registers `tsdb` as shard `shard`'s store in the registry's metrics; returns its own counters. */
export function shardMetrics(registry: Registry, shard: number, tsdb: Tsdb) {
  let stores = storesByRegistry.get(registry);
  if (!stores) {
    stores = new Map();
    storesByRegistry.set(registry, stores);
    for (const figure of FIGURES) registerFigure(registry, stores, figure);
  }
  stores.set(shard, tsdb);
  const counter = (name: string, help: string) =>
    (
      (registry.getSingleMetric(name) as Counter<'shard'> | undefined) ??
      new Counter({ name, help, labelNames: ['shard'], registers: [registry] })
    ).labels(String(shard));
  const owned = stores;
  return {
    rejectedBatches: counter(
      'promethium_storage_batches_rejected_total',
      'Write batches that could not be decoded or held an invalid sample, dropped unstored.',
    ),
    appendFailures: counter(
      'promethium_storage_append_failures_total',
      'Write batches the store failed to write (e.g. disk full); they are redelivered.',
    ),
    checkpointFailures: counter(
      'prometheus_tsdb_compactions_failed_total',
      'Total number of compactions that failed.',
    ),
    forget: () => owned.delete(shard),
  };
}

export type ShardMetrics = ReturnType<typeof shardMetrics>;

function registerFigure(
  registry: Registry,
  stores: Map<number, Tsdb>,
  figure: (typeof FIGURES)[number],
): void {
  const labelNames = ['shard', ...Object.keys(figure.labels ?? {})];
  const each = (set: (labels: Record<string, string>, value: number) => void) => {
    for (const [shard, tsdb] of stores)
      set({ shard: String(shard), ...figure.labels }, figure.read(tsdb));
  };
  const common = { name: figure.name, help: figure.help, labelNames, registers: [registry] };
  if (figure.kind === 'gauge')
    new Gauge({
      ...common,
      collect() {
        this.reset();
        each((labels, value) => this.set(labels, value));
      },
    });
  else
    new Counter({
      ...common,
      collect() {
        this.reset();
        each((labels, value) => this.inc(labels, value));
      },
    });
}
