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
  /** The outcome of the last reload (/api/v1/status/runtimeinfo reports it). */
  state(): ReloadState;
}

/** Whether the last reload succeeded, and when the last successful one ended. */
export interface ReloadState {
  readonly successful: boolean;
  /** Milliseconds since the epoch. */
  readonly lastSuccessMs: number;
}

/**
 * Reloaders that log each step and keep `promethium_config_last_reload_successful` (1/0)
 * and `promethium_config_last_reload_success_timestamp_seconds` in `registry`, as
 * Prometheus does for its configuration reloads. Create them once the start-up configuration
 * has loaded: as in Prometheus, that load counts as the first successful reload.
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
  let state: ReloadState;
  const record = (next: ReloadState): void => {
    state = next;
    successful.set(next.successful ? 1 : 0);
    timestamp.set(next.lastSuccessMs / 1000);
  };
  record({ successful: true, lastSuccessMs: Date.now() });
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
    if (failures.length > 0) {
      record({ ...state, successful: false });
      throw new ReloadError(failures);
    }
    record({ successful: true, lastSuccessMs: Date.now() });
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
    state: () => state,
  };
}
