import type { Engine } from '@promethium/promql';
import { QueryError } from '@promethium/promql';
import type { IndexStatsSource, LabelQueryable, Queryable } from '@promethium/storage';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { EngineMetrics } from './engine-metrics.js';
import { ApiError, fromQueryError } from './errors.js';
import { instantQuery, rangeQuery } from './handlers.js';
import type { QueryDeps } from './handlers.js';
import { errorBody, send } from './json.js';
import { labelNames, labelValues, series } from './label-handlers.js';
import type { ListDeps } from './label-handlers.js';
import { formatQuery, queryExemplars } from './query-tools.js';
import { metricMetadata, scrapePools, targetMetadata, targets } from './targets.js';
import type { ScrapeTargetsSource } from './targets.js';
import { parseQuery } from './parse-query.js';
import { QueryGate } from './query-gate.js';
import { buildInfo, config, defaultStatus, flags, runtimeInfo } from './status.js';
import type { StatusInfo } from './status.js';
import { tsdbStatus } from './tsdb-status.js';

/** Where the API reports what it cannot answer cleanly; pino's object-first call shape. */
export interface ApiLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

/** What the API router needs; `now` (milliseconds) defaults to Date.now. */
export interface ApiDeps {
  readonly engine: Engine;
  readonly queryable: Queryable;
  /** Label names and values (/labels, /label/:name/values) and cardinality (/status/tsdb). */
  readonly labels: LabelQueryable & IndexStatsSource;
  readonly logger: ApiLogger;
  readonly now?: () => number;
  /** What the /status endpoints report; a bare default when absent. */
  readonly status?: StatusInfo;
  /** Bounds the queries evaluating at once; the others wait (default 20 slots, as Prometheus). */
  readonly gate?: QueryGate;
  /** The engine's query timeout, which also bounds the wait for a slot (default 2 minutes). */
  readonly queryTimeoutMs?: number;
  /** Prometheus's engine metrics, kept for the queries of this API when given. */
  readonly metrics?: EngineMetrics;
  /** The scrapers' targets and metadata; without it, there are none. */
  readonly targets?: ScrapeTargetsSource;
}

const NO_TARGETS: ScrapeTargetsSource = {
  targets: () => Promise.resolve({ active: [], dropped: [], droppedCounts: {} }),
};

// Prometheus's defaults of --query.max-concurrency and --query.timeout.
const DEFAULT_MAX_CONCURRENCY = 20;
const DEFAULT_QUERY_TIMEOUT_MS = 2 * 60_000;

// Long queries arrive as POST bodies; Prometheus sets no limit of its own.
const FORM_LIMIT = '5mb';

type Handler = (req: Request, res: Response) => void | Promise<void>;

/**
 * The Prometheus HTTP API v1, to mount at `/api/v1`: queries, series and labels,
 * query tools and status, answering with Prometheus's JSON and error types.
 */
export function createApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  const now = deps.now ?? Date.now;
  const queryDeps: QueryDeps = {
    engine: deps.engine,
    queryable: deps.queryable,
    now,
    gate: deps.gate ?? new QueryGate(DEFAULT_MAX_CONCURRENCY),
    timeoutMs: deps.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    metrics: deps.metrics,
  };
  const listDeps: ListDeps = { queryable: deps.queryable, labels: deps.labels };
  const status = deps.status ?? defaultStatus(now());
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT });
  const timed =
    (handler: Handler): Handler =>
    async (req, res) => {
      const started = performance.now();
      await handler(req, res);
      const ms = Math.round(performance.now() - started);
      deps.logger.debug({ path: req.path, ms }, 'api request answered');
    };
  const both = (path: string, handler: Handler): void => {
    router.get(path, timed(handler));
    router.post(path, form, timed(handler));
  };
  both('/query', (req, res) => instantQuery(queryDeps, req, res));
  both('/query_range', (req, res) => rangeQuery(queryDeps, req, res));
  both('/query_exemplars', queryExemplars);
  both('/format_query', formatQuery);
  both('/parse_query', parseQuery);
  both('/series', (req, res) => series(listDeps, req, res));
  both('/labels', (req, res) => labelNames(listDeps, req, res));
  router.get(
    '/label/:name/values',
    timed((req, res) => labelValues(listDeps, req, res)),
  );
  const targetsSource = deps.targets ?? NO_TARGETS;
  router.get(
    '/metadata',
    timed((req, res) => metricMetadata(targetsSource, req, res)),
  );
  router.get(
    '/targets',
    timed((req, res) => targets(targetsSource, req, res)),
  );
  router.get(
    '/targets/metadata',
    timed((req, res) => targetMetadata(targetsSource, req, res)),
  );
  router.get(
    '/scrape_pools',
    timed((req, res) => scrapePools(targetsSource, req, res)),
  );
  router.get('/status/buildinfo', (req, res) => buildInfo(status, req, res));
  router.get('/status/flags', (req, res) => flags(status, req, res));
  router.get('/status/config', (req, res) => config(status, req, res));
  router.get('/status/runtimeinfo', (req, res) => runtimeInfo(status, req, res));
  router.get('/status/tsdb', (req, res) => tsdbStatus(deps.labels, req, res));
  router.use(errorHandler(deps.logger));
  return router;
}

function errorHandler(logger: ApiLogger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const apiError = toApiError(err);
    if (apiError.code === 'internal' || apiError.code === 'unavailable')
      logger.warn({ path: req.path, err: apiError.message }, 'api request failed');
    if (res.headersSent) return void res.end();
    send(res, apiError.status, errorBody(apiError.code, apiError.message));
  };
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof QueryError) return fromQueryError(err);
  // body-parser marks a malformed or oversized form with a 4xx status.
  const status = (err as { status?: unknown }).status;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new ApiError('bad_data', message, { cause: err });
  return new ApiError('internal', message, { cause: err });
}
