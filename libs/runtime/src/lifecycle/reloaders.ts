import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { ReloadError, toError } from '../errors.js';
import type { ReloadFailure } from '../errors.js';

/** Named reload steps run on SIGHUP and POST /-/reload. */
export interface Reloaders {
  /** Appends a step; steps run in the order added. A duplicate name is a BUG. */
  add(name: string, fn: () => Promise<void>): void;
  /**
   * Runs every step in order, even after one fails, then rejects with a ReloadError listing
   * the failures. Concurrent calls are queued, never interleaved.
   */
  reloadAll(): Promise<void>;
}

/**
 * Reloaders that log each step and keep `promethium_config_last_reload_successful` (1/0)
 * and `promethium_config_last_reload_success_timestamp_seconds` in `registry`, as
 * Prometheus does for its configuration reloads.
 */
export function createReloaders(logger: Logger, registry: Registry): Reloaders {
  const steps: { name: string; fn: () => Promise<void> }[] = [];
  const successful = new Gauge({
    name: 'promethium_config_last_reload_successful',
    help: 'Whether the last configuration reload attempt was successful.',
    registers: [registry],
  });
  const timestamp = new Gauge({
    name: 'promethium_config_last_reload_success_timestamp_seconds',
    help: 'Timestamp of the last successful configuration reload.',
    registers: [registry],
  });
  let queue: Promise<void> = Promise.resolve();

  const runAll = async (): Promise<void> => {
    const failures: ReloadFailure[] = [];
    for (const { name, fn } of steps) {
      try {
        await fn();
        logger.info({ reloader: name }, 'reloaded');
      } catch (err) {
        const error = toError(err);
        failures.push({ name, error });
        logger.error({ reloader: name, err: error }, 'reload failed');
      }
    }
    successful.set(failures.length === 0 ? 1 : 0);
    if (failures.length > 0) throw new ReloadError(failures);
    timestamp.set(Date.now() / 1000);
    logger.info({ reloaders: steps.length }, 'completed reloading');
  };

  return {
    add(name, fn) {
      if (steps.some((s) => s.name === name)) throw new Error(`BUG: reloader ${name} added twice`);
      steps.push({ name, fn });
    },
    reloadAll() {
      const run = queue.then(runAll);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
