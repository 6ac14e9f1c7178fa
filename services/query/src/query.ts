import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Bus } from '@promethium/bus';
import { Engine } from '@promethium/promql';
import { shardedQueryable } from '@promethium/storage-client';
import { createApiRouter } from './api/index.js';

/** What the query service needs; wired by the CLI (cluster) or all-in-one (one process). */
export interface QueryServiceOptions {
  bus: Bus;
  /** Number of storage shards; every select fans out to all of them. */
  shards: number;
  logger: Logger;
  lookbackDeltaMs?: number;
  timeoutMs?: number;
  maxSamples?: number;
}

/** The query service: PromQL over every shard, served as Prometheus's HTTP API v1. */
export interface QueryService {
  /** Mounts `/api/v1` on the service's HTTP router. */
  routes(router: Router): void;
}

/** Builds the query service; it holds no state of its own beyond the engine. */
export function createQueryService(opts: QueryServiceOptions): QueryService {
  const engine = new Engine({
    lookbackDeltaMs: opts.lookbackDeltaMs,
    timeoutMs: opts.timeoutMs,
    maxSamples: opts.maxSamples,
  });
  const queryable = shardedQueryable(opts.bus, opts.shards, opts.timeoutMs);
  const router = createApiRouter({ engine, queryable, logger: opts.logger });
  return {
    routes(parent) {
      parent.use('/api/v1', router);
    },
  };
}
