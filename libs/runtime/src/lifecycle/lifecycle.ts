import type { Logger } from 'pino';
import { toError } from '../errors.js';

const DEFAULT_STOP_TIMEOUT_MS = 10_000;

/**
 * Components registered as they start and stopped in reverse order, so nothing is stopped
 * before what depends on it.
 */
export class Lifecycle {
  #components: { name: string; stop: () => Promise<void> }[] = [];

  /** Registers a started component; call right after it started. */
  add(name: string, stop: () => Promise<void>): void {
    this.#components.push({ name, stop });
  }

  /**
   * Stops every component, last added first. A failing stop is logged and the rest still
   * stop; a stop still pending after `timeoutMs` is logged and left behind. Components are
   * forgotten once stopped, so a second call stops only those added since.
   */
  async stopAll(logger: Logger, timeoutMs: number = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
    const components = this.#components.reverse();
    this.#components = [];
    for (const { name, stop } of components) {
      try {
        const outcome = await withTimeout(stop(), timeoutMs);
        if (outcome === 'timeout') logger.error({ component: name, timeoutMs }, 'stop timed out');
        else logger.debug({ component: name }, 'stopped');
      } catch (err) {
        logger.error({ component: name, err: toError(err) }, 'stop failed');
      }
    }
  }
}

async function withTimeout(work: Promise<void>, timeoutMs: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([work.then(() => 'done' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
