import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bus } from '@promethium/bus';
import { Engine } from '@promethium/promql';
import { shardedLabelQueryable, shardedQueryable } from '@promethium/storage-client';
import { EngineMetrics, QueryGate, createApiRouter } from './api/index.js';
import { engineFeatures } from './features.js';
import { BusScrapeTargets } from './scrape-targets.js';
import type { StatusInfo } from './api/index.js';

/** What the query service needs; wired by the CLI (cluster) or all-in-one (one process). */
export interface QueryServiceOptions {
  bus: Bus;
  /** Number of storage shards; every select and label query fans out to all of them. */
  shards: number;
  logger: Logger;
  /** Where the service's metrics (Prometheus's prometheus_engine_*) are registered. */
  registry: Registry;
  lookbackDeltaMs?: number;
  timeoutMs?: number;
  maxSamples?: number;
  /** Most queries evaluating at once (default 20); the others wait for a slot. */
  maxConcurrency?: number;
  /** Answer from the shards that respond, with a warning per shard that does not (default false). */
  partialResponse?: boolean;
  /** `--enable-feature` values: experimental PromQL syntax and functions, start timestamps. */
  features?: readonly string[];
  /** What /api/v1/status/* reports (flags, config text, reload state); a bare default when absent. */
  status?: StatusInfo;
}

// Prometheus's default of --query.max-concurrency.
const DEFAULT_MAX_CONCURRENCY = 20;

/** The query service: PromQL over every shard, served as Prometheus's HTTP API v1. */
export interface QueryService {
  /** Mounts `/api/v1` on the service's HTTP router. */
  routes(router: Router): void;
}

// How long a scraper replica may take to start answering for its targets.
const DEFAULT_TARGETS_TIMEOUT_MS = 10_000;

/** Builds the query service; it holds no state of its own beyond the engine and its metrics. */
export function createQueryService(opts: QueryServiceOptions): QueryService {
  const features = engineFeatures(opts.features ?? []);
  for (const option of features.unknown) {
    opts.logger.warn({ option }, 'Unknown option for --enable-feature');
  }
  for (const option of features.alwaysOn) {
    opts.logger.warn({ option }, 'This option for --enable-feature is now permanently enabled');
  }
  const engine = new Engine({
    lookbackDeltaMs: opts.lookbackDeltaMs,
    timeoutMs: opts.timeoutMs,
    maxSamples: opts.maxSamples,
    parseOptions: features.parseOptions,
    useStartTimestamps: features.useStartTimestamps,
  });
  const reads = { timeoutMs: opts.timeoutMs, partialResponse: opts.partialResponse ?? false };
  const queryable = shardedQueryable(opts.bus, opts.shards, reads);
  const labels = shardedLabelQueryable(opts.bus, opts.shards, reads);
  const gate = new QueryGate(opts.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY);
  const router = createApiRouter({
    engine,
    queryable,
    labels,
    logger: opts.logger,
    status: opts.status,
    gate,
    queryTimeoutMs: opts.timeoutMs,
    metrics: new EngineMetrics(opts.registry, gate),
    targets: new BusScrapeTargets(
      opts.bus,
      opts.logger,
      opts.timeoutMs ?? DEFAULT_TARGETS_TIMEOUT_MS,
    ),
  });
  return {
    routes(parent) {
      parent.use('/api/v1', router);
    },
  };
}
