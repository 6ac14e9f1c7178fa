import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { QueryError } from '../errors.js';

/** Limits of one query execution. */
export interface GuardOptions {
  readonly timeoutMs: number;
  readonly maxSamples: number;
  readonly signal?: AbortSignal | undefined;
}

// Long synchronous stretches starve timers and socket events; yield this often.
const YIELD_EVERY_MS = 10;

/**
 * Enforces a query's deadline, its caller's AbortSignal and its sample budget.
 * Evaluation calls `check`/`pause` between units of work and `addSamples` for every
 * sample it keeps in memory; storage reads go through `iterate`, which stops waiting
 * on a stalled store as soon as the query is aborted. Call `dispose` when done.
 */
export class QueryGuard {
  readonly #deadline: number;
  readonly #maxSamples: number;
  readonly #timer: NodeJS.Timeout;
  readonly #signal: AbortSignal;
  #samples = 0;
  #lastYield = performance.now();

  constructor(options: GuardOptions) {
    const own = new AbortController();
    this.#deadline = performance.now() + options.timeoutMs;
    this.#maxSamples = options.maxSamples;
    this.#timer = setTimeout(
      () => own.abort(new DOMException('query timed out', 'TimeoutError')),
      options.timeoutMs,
    );
    this.#timer.unref();
    this.#signal = options.signal ? AbortSignal.any([options.signal, own.signal]) : own.signal;
  }

  /** Stops the deadline timer. */
  dispose(): void {
    clearTimeout(this.#timer);
  }

  /** Throws QueryError 'timeout' or 'canceled' once the query must stop. */
  check(): void {
    if (this.#signal.aborted || performance.now() > this.#deadline) throw this.abortError();
  }

  /** Lets timers and I/O run if evaluation has held the thread for a while, then checks. */
  async pause(): Promise<void> {
    if (performance.now() - this.#lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      this.#lastYield = performance.now();
    }
    this.check();
  }

  /** Counts `n` more samples held in memory; throws QueryError 'execution' past the limit. */
  addSamples(n: number): void {
    this.#samples += n;
    if (this.#samples > this.#maxSamples) {
      throw new QueryError(
        'execution',
        'query processing would load too many samples into memory in query execution',
      );
    }
  }

  /** Whether the query has been aborted or has run past its deadline. */
  get stopped(): boolean {
    return this.#signal.aborted || performance.now() > this.#deadline;
  }

  /** The error for a stopped query: a timeout when a deadline passed, otherwise a cancellation. */
  abortError(): QueryError {
    const reason: unknown = this.#signal.reason;
    const timedOut =
      performance.now() > this.#deadline ||
      (reason instanceof DOMException && reason.name === 'TimeoutError');
    return timedOut
      ? new QueryError('timeout', 'query timed out in expression evaluation', { cause: reason })
      : new QueryError('canceled', 'query was canceled in expression evaluation', {
          cause: reason,
        });
  }

  /** Iterates `source`, abandoning a pending read (and the iterator) when the query stops. */
  async *iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
    const it = source[Symbol.asyncIterator]();
    let done = false;
    try {
      for (;;) {
        this.check();
        const step = await this.#race(it.next());
        if (step.done) {
          done = true;
          return;
        }
        yield step.value;
      }
    } finally {
      // Not awaited: a stalled store must not hold the query open.
      if (!done) it.return?.()?.catch(() => undefined);
    }
  }

  #race<T>(pending: Promise<T>): Promise<T> {
    const signal = this.#signal;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(this.abortError());
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err as Error);
        },
      );
    });
  }
}
