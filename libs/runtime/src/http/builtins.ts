import type { Express, Request, Response } from 'express';
import type { Registry } from 'prom-client';
import { toError } from '../errors.js';

/** What the built-in endpoints need from the service. */
export interface BuiltinOptions {
  /** Used in the health and readiness texts, e.g. "Promethium Query is Healthy.". */
  name: string;
  registry: Registry;
  isReady: () => boolean;
  reload: () => Promise<void>;
}

/**
 * Mounts Prometheus' operational endpoints with its status codes and texts: /metrics,
 * /-/healthy, /-/ready (503 until ready) and /-/reload (POST or PUT; GET is 405).
 */
export function mountBuiltins(app: Express, opts: BuiltinOptions): void {
  app.get('/metrics', async (_req, res) => {
    const body = await opts.registry.metrics();
    res.set('Content-Type', opts.registry.contentType).send(body);
  });
  app.get('/-/healthy', (_req, res) => {
    res.type('text/plain').send(`${opts.name} is Healthy.\n`);
  });
  app.get('/-/ready', (_req, res) => {
    if (opts.isReady()) res.type('text/plain').send(`${opts.name} is Ready.\n`);
    else res.status(503).type('text/plain').send('Service Unavailable');
  });
  app.get('/-/reload', (_req, res) => {
    res.status(405).type('text/plain').send('This endpoint requires a POST request.\n');
  });
  const reload = async (_req: Request, res: Response): Promise<void> => {
    try {
      await opts.reload();
      res.status(200).end();
    } catch (err) {
      res
        .status(500)
        .type('text/plain')
        .send(`failed to reload config: ${toError(err).message}\n`);
    }
  };
  app.post('/-/reload', reload);
  app.put('/-/reload', reload);
}
