import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { Matcher } from '@promethium/model';
import type { Series } from '@promethium/model';
import { codecs, encodeSeriesChunks, subjects } from '@promethium/bus';
import type { Bus, BusMsg, ReplyStream, Subscription } from '@promethium/bus';
import { openSqliteStore } from '@promethium/tsdb';
import type { SqliteStore } from '@promethium/tsdb';
import { answerIndexStats, answerLabels } from './label-answers.js';

/** What a storage shard needs; wired by the CLI (cluster) or all-in-one (one process). */
export interface StorageShardOptions {
  bus: Bus;
  shard: number;
  /** Names this replica's durable consumer; replicas of one shard consume independently. */
  replica: string;
  dataDir: string;
  logger: Logger;
  registry: Registry;
}

/** A running storage shard. */
export interface StorageShard {
  readonly store: SqliteStore;
  stop(): Promise<void>;
}

/**
 * Starts one shard: consumes its durable write subject into a local store and answers
 * selects, label queries and index statistics (queue group per shard, so any replica
 * may answer).
 */
export async function startStorageShard(opts: StorageShardOptions): Promise<StorageShard> {
  const { bus, shard, logger } = opts;
  const store = await openSqliteStore({ path: opts.dataDir });
  const metrics = shardMetrics(opts.registry, shard, store);

  const subscriptions: Subscription[] = [
    bus.consumeDurable(subjects.write(shard), `storage-${shard}-${opts.replica}`, (msg) =>
      ingest(store, msg, metrics, logger),
    ),
    bus.serve(
      subjects.select(shard),
      (req, reply) => answerSelect(store, req, reply, bus.maxMessageBytes),
      {
        queue: `storage-${shard}`,
      },
    ),
    bus.serve(
      subjects.labels(shard),
      (req, reply) => answerLabels(store, req, reply, bus.maxMessageBytes),
      { queue: `storage-${shard}` },
    ),
    bus.serve(
      subjects.tsdbStats(shard),
      (_req, reply) => answerIndexStats(store, reply, bus.maxMessageBytes),
      { queue: `storage-${shard}` },
    ),
  ];
  logger.info({ shard, dataDir: opts.dataDir }, 'storage shard started');
  return {
    store,
    async stop() {
      for (const s of subscriptions.reverse()) await s.unsubscribe();
      metrics.forget();
      await store.close();
    },
  };
}

type ShardMetrics = ReturnType<typeof shardMetrics>;

// Several shards may share one registry (one-process mode): metrics are created once per
// registry and labelled by shard; the series gauge asks every registered store.
const storesByRegistry = new WeakMap<Registry, Map<number, SqliteStore>>();

function shardMetrics(registry: Registry, shard: number, store: SqliteStore) {
  let stores = storesByRegistry.get(registry);
  if (!stores) {
    const created = new Map<number, SqliteStore>();
    storesByRegistry.set(registry, (stores = created));
    new Gauge({
      name: 'promethium_storage_series',
      help: 'Series held by the shard.',
      labelNames: ['shard'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [n, s] of created) this.set({ shard: String(n) }, s.stats().series);
      },
    });
  }
  stores.set(shard, store);
  const counter = (name: string, help: string) =>
    (
      (registry.getSingleMetric(name) as Counter<'shard'> | undefined) ??
      new Counter({ name, help, labelNames: ['shard'], registers: [registry] })
    ).labels(String(shard));
  return {
    appended: counter('promethium_storage_samples_appended_total', 'Samples written to the shard.'),
    duplicates: counter(
      'promethium_storage_samples_duplicate_total',
      'Samples ignored because the series already had a sample at that timestamp.',
    ),
    rejectedBatches: counter(
      'promethium_storage_batches_rejected_total',
      'Write batches that could not be decoded and were dropped.',
    ),
    forget: () => stores.delete(shard),
  };
}

async function ingest(
  store: SqliteStore,
  msg: BusMsg,
  metrics: ShardMetrics,
  logger: Logger,
): Promise<void> {
  let batch;
  try {
    batch = codecs.sampleBatch.decode(msg.data);
  } catch (err) {
    // A batch that cannot be decoded never will be: drop it (acknowledged) instead of redelivering forever.
    metrics.rejectedBatches.inc();
    logger.error(
      { err, subject: msg.subject, bytes: msg.data.length },
      'dropping undecodable write batch',
    );
    return;
  }
  const result = await store.appendBatch(batch);
  metrics.appended.inc(result.appended);
  metrics.duplicates.inc(result.duplicates);
}

async function answerSelect(
  store: SqliteStore,
  req: BusMsg,
  reply: ReplyStream,
  maxChunkBytes: number,
): Promise<void> {
  let matchers: Matcher[];
  let request;
  try {
    request = codecs.selectRequest.decode(req.data);
    matchers = request.matchers.map((m) => new Matcher(m.type, m.name, m.value));
  } catch (err) {
    await reply.error('bad_data', (err as Error).message);
    return;
  }
  const series: Series[] = [];
  for await (const s of store.querier(request.mint, request.maxt).select(matchers)) series.push(s);
  for (const chunk of encodeSeriesChunks(series, maxChunkBytes)) await reply.write(chunk);
  await reply.end();
}
