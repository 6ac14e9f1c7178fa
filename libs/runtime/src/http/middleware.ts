import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { toError } from '../errors.js';
import type { WebState } from './web-state.js';

/** Logs every request at debug level once its response is finished or the client went away. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    const fields = (): Record<string, unknown> => ({
      method: req.method,
      path: req.originalUrl,
      remote: req.socket.remoteAddress,
      status: res.statusCode,
      durationMs: Number(process.hrtime.bigint() - start) / 1e6,
    });
    res.on('finish', () => logger.debug(fields(), 'http request'));
    res.on('close', () => {
      if (!res.writableFinished)
        logger.debug(fields(), 'http client went away before the response');
    });
    next();
  };
}

/**
 * Applies the current web config to every request: configured headers first (so they
 * are on 401s too), then basic authentication when users are configured.
 */
export function webSecurity(current: () => WebState): RequestHandler {
  return (req, res, next) => {
    const state = current();
    for (const [name, value] of state.headers) res.setHeader(name, value);
    if (state.auth === undefined) return next();
    state.auth.check(req.headers.authorization).then(
      (ok) => {
        if (ok) return next();
        res.status(401).set('WWW-Authenticate', 'Basic').type('text/plain').send('Unauthorized\n');
      },
      (err: unknown) => next(err),
    );
  };
}

/** Go's net/http answer for an unknown path. */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).type('text/plain').send('404 page not found\n');
};

/**
 * Turns an error thrown or passed by any route into a response: the error's own 4xx status
 * (body parsers set one) or 500, as JSON when the client prefers it, else text. A
 * response already under way is cut off, since its status can no longer change.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (raw: unknown, req, res, _next) => {
    const err = toError(raw);
    const status = statusOf(raw);
    const fields = { method: req.method, path: req.originalUrl, status, err };
    if (status >= 500) logger.error(fields, 'http request failed');
    else logger.debug(fields, 'http request rejected');
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    res.status(status);
    if (req.accepts(['text/plain', 'application/json']) === 'application/json') {
      res.json({
        status: 'error',
        errorType: status >= 500 ? 'internal' : 'bad_data',
        error: err.message,
      });
    } else {
      res.type('text/plain').send(`${err.message}\n`);
    }
  };
}

function statusOf(err: unknown): number {
  const status =
    (err as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
