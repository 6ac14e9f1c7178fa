import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { codecs, subjects } from '@promethium/bus';
import type { Bus, BusMsg, Subscription } from '@promethium/bus';
import { InvalidSampleError, openTsdb } from '@promethium/tsdb';
import type { Tsdb } from '@promethium/tsdb';
import { answerIndexStats, answerLabels } from './label-answers.js';
import { answerSelect } from './select-answer.js';
import { shardMetrics } from './shard-metrics.js';
import type { ShardMetrics } from './shard-metrics.js';

/** How a shard's store keeps data; the `--storage.tsdb.*` flags. */
export interface TsdbSettings {
  /** Default 15 days; 0 keeps data forever (unless the size limit removes it). */
  retentionTimeMs?: number;
  /** 0 (the default) sets no size limit. */
  retentionSizeBytes?: number;
  /** Default 0: out-of-order samples are refused. */
  outOfOrderWindowMs?: number;
  /** How often closed chunks go to disk and the WAL is truncated; default 1 minute. */
  checkpointIntervalMs?: number;
}

/** What a storage shard needs; wired by the CLI (cluster) or all-in-one (one process). */
export interface StorageShardOptions {
  bus: Bus;
  shard: number;
  /** Names this replica's durable consumer; replicas of one shard consume independently. */
  replica: string;
  dataDir: string;
  tsdb?: TsdbSettings;
  logger: Logger;
  registry: Registry;
}

/** A running storage shard. */
export interface StorageShard {
  readonly store: Tsdb;
  stop(): Promise<void>;
}

const DEFAULT_CHECKPOINT_INTERVAL_MS = 60_000;

/**
 * Starts one shard: opens its TSDB (replaying the WAL), consumes its durable write
 * subject — a batch is acknowledged only once it is in the WAL — and answers selects,
 * label queries and index statistics in a queue group per shard, so any replica may
 * answer. Checkpoints and retention run on a timer.
 */
export async function startStorageShard(opts: StorageShardOptions): Promise<StorageShard> {
  const { bus, shard, logger } = opts;
  const settings = opts.tsdb ?? {};
  const store = await openTsdb({
    path: opts.dataDir,
    outOfOrderWindowMs: settings.outOfOrderWindowMs ?? 0,
    retention: { timeMs: settings.retentionTimeMs, sizeBytes: settings.retentionSizeBytes },
    log: (level, msg, fields) => logger[level]({ shard, ...fields }, msg),
  });
  const metrics = shardMetrics(opts.registry, shard, store);
  const housekeeping = setInterval(
    () => keepHouse(store, metrics, logger),
    settings.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
  );
  housekeeping.unref();

  const queue = { queue: `storage-${shard}` };
  const subscriptions: Subscription[] = [
    bus.consumeDurable(subjects.write(shard), `storage-${shard}-${opts.replica}`, (msg) =>
      ingest(store, msg, metrics, logger),
    ),
    bus.serve(
      subjects.select(shard),
      (req, reply) => answerSelect(store, req, reply, bus.maxMessageBytes),
      queue,
    ),
    bus.serve(
      subjects.labels(shard),
      (req, reply) => answerLabels(store, req, reply, bus.maxMessageBytes),
      queue,
    ),
    bus.serve(
      subjects.tsdbStats(shard),
      (_req, reply) => answerIndexStats(store, reply, bus.maxMessageBytes),
      queue,
    ),
  ];
  logger.info({ shard, dataDir: opts.dataDir, series: store.numSeries }, 'storage shard started');
  return {
    store,
    async stop() {
      clearInterval(housekeeping);
      for (const s of subscriptions.reverse()) await s.unsubscribe();
      metrics.forget();
      await store.close();
    },
  };
}

/**
 * Appends one write batch. Resolving acknowledges it, so this resolves only once the
 * batch is in the WAL; a store failure (e.g. a full disk) throws and the batch is
 * redelivered. A batch that cannot be decoded, or holds an invalid sample, never will
 * succeed: it is dropped (acknowledged) and counted instead of redelivered forever.
 */
async function ingest(store: Tsdb, msg: BusMsg, metrics: ShardMetrics, logger: Logger) {
  const drop = (err: unknown) => {
    metrics.rejectedBatches.inc();
    logger.error({ err, subject: msg.subject, bytes: msg.data.length }, 'dropping write batch');
  };
  let batch;
  try {
    batch = codecs.sampleBatch.decode(msg.data);
  } catch (err) {
    drop(err);
    return;
  }
  try {
    store.appendBatch(batch);
  } catch (err) {
    if (err instanceof InvalidSampleError) return drop(err);
    metrics.appendFailures.inc();
    logger.error({ err, subject: msg.subject }, 'cannot store write batch; it will be redelivered');
    throw err;
  }
}

/** Checkpoints (closed chunks to disk, WAL truncated), then applies retention. */
function keepHouse(store: Tsdb, metrics: ShardMetrics, logger: Logger): void {
  try {
    const written = store.checkpoint();
    const removed = store.applyRetention();
    logger.debug({ ...written, ...removed }, 'checkpoint');
  } catch (err) {
    metrics.checkpointFailures.inc();
    logger.error({ err }, 'checkpoint failed; the WAL keeps every batch until one succeeds');
  }
}
