import type { Response } from 'express';

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The AbortSignal of one API query: aborted as a cancellation when the client goes
 * away before the answer is written, and as a timeout (DOMException "TimeoutError",
 * which the engine reports as a timeout) after `timeoutMs`, if given; a timeout of
 * zero or less has already passed. Call `dispose` once the response is written.
 */
export class RequestSignal {
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;

  constructor(res: Response, timeoutMs: number | undefined) {
    res.once('close', () => {
      if (!res.writableFinished)
        this.#controller.abort(new DOMException('client closed the request', 'AbortError'));
    });
    if (timeoutMs === undefined) return;
    const expire = (): void =>
      this.#controller.abort(new DOMException('query timeout', 'TimeoutError'));
    if (timeoutMs <= 0) expire();
    // Node fires a longer timer at once; such a timeout never comes in practice.
    else if (timeoutMs <= MAX_TIMER_MS) this.#timer = setTimeout(expire, timeoutMs).unref();
  }

  /** The signal to hand to the engine. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Stops the timeout timer. */
  dispose(): void {
    clearTimeout(this.#timer);
  }
}
