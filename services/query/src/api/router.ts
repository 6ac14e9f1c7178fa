import type { Engine } from '@promethium/promql';
import { QueryError } from '@promethium/promql';
import type { Queryable } from '@promethium/storage';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { ApiError, fromQueryError } from './errors.js';
import { instantQuery, rangeQuery } from './handlers.js';
import type { QueryDeps } from './handlers.js';
import { errorBody, send } from './json.js';

/** Where the API reports what it cannot answer cleanly; pino's object-first call shape. */
export interface ApiLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

/** What the API router needs; `now` (milliseconds) defaults to Date.now. */
export interface ApiDeps {
  readonly engine: Engine;
  readonly queryable: Queryable;
  readonly logger: ApiLogger;
  readonly now?: () => number;
}

// Long queries arrive as POST bodies; Prometheus sets no limit of its own.
const FORM_LIMIT = '5mb';

/**
 * The Prometheus HTTP API v1 query endpoints, to mount at `/api/v1`: GET and POST
 * `/query` and `/query_range`, answering with Prometheus's JSON and error types.
 */
export function createApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  const queryDeps: QueryDeps = {
    engine: deps.engine,
    queryable: deps.queryable,
    now: deps.now ?? Date.now,
  };
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT });
  const handle =
    (handler: (d: QueryDeps, req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      const started = performance.now();
      await handler(queryDeps, req, res);
      const ms = Math.round(performance.now() - started);
      deps.logger.debug({ path: req.path, ms }, 'query answered');
    };
  router.get('/query', handle(instantQuery));
  router.post('/query', form, handle(instantQuery));
  router.get('/query_range', handle(rangeQuery));
  router.post('/query_range', form, handle(rangeQuery));
  router.use(errorHandler(deps.logger));
  return router;
}

function errorHandler(logger: ApiLogger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const apiError = toApiError(err);
    if (apiError.code === 'internal')
      logger.warn({ path: req.path, err: apiError.message }, 'query failed');
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
