import { ApiError } from './errors.js';

/**
 * Lets at most `max` queries evaluate at once (Prometheus's `--query.max-concurrency`);
 * the others wait in arrival order. A waiting query whose signal aborts leaves the queue
 * with `timeout` ("query timed out in query queue") or `canceled`, as Prometheus words it.
 */
export class QueryGate {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  /** Throws RangeError unless `max` is a positive integer. */
  constructor(readonly max: number) {
    if (!Number.isSafeInteger(max) || max < 1)
      throw new RangeError(`max concurrency must be a positive integer, got ${max}`);
  }

  /** Queries evaluating now. */
  get active(): number {
    return this.#active;
  }

  /** Queries waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `query` once a slot is free (or rejects when `signal` aborts first); frees it after. */
  async run<T>(signal: AbortSignal, query: () => Promise<T>): Promise<T> {
    await this.#acquire(signal);
    try {
      return await query();
    } finally {
      this.#release();
    }
  }

  #acquire(signal: AbortSignal): Promise<void> {
    // A free slot is taken even by an expired query: evaluation then reports the timeout.
    if (this.#active < this.max) {
      this.#active++;
      return Promise.resolve();
    }
    if (signal.aborted) return Promise.reject(queueError(signal.reason));
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', leave);
        this.#active++;
        resolve();
      };
      const leave = (): void => {
        const at = this.#waiting.indexOf(grant);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(queueError(signal.reason));
      };
      signal.addEventListener('abort', leave, { once: true });
      this.#waiting.push(grant);
    });
  }

  #release(): void {
    this.#active--;
    this.#waiting.shift()?.();
  }
}

function queueError(reason: unknown): ApiError {
  const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
  return timedOut
    ? new ApiError('timeout', 'query timed out in query queue', { cause: reason })
    : new ApiError('canceled', 'query was canceled in query queue', { cause: reason });
}
