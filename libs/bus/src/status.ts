import type { BusLogger, BusStatus } from './bus.js';

/** Holds a bus's status and tells listeners about every change. */
export class StatusEmitter {
  #status: BusStatus;
  readonly #listeners: ((status: BusStatus, detail?: string) => void)[] = [];
  readonly #log: BusLogger;

  /** Starts in `initial`; listener failures are reported to `log`. */
  constructor(initial: BusStatus, log: BusLogger) {
    this.#status = initial;
    this.#log = log;
  }

  /** The current status. */
  get status(): BusStatus {
    return this.#status;
  }

  /** Adds a listener; it hears changes from now on. */
  on(listener: (status: BusStatus, detail?: string) => void): void {
    this.#listeners.push(listener);
  }

  /** Moves to `status` and notifies listeners; no-op when unchanged or already closed. */
  set(status: BusStatus, detail?: string): void {
    if (status === this.#status || this.#status === 'closed') return;
    this.#status = status;
    for (const listener of this.#listeners) {
      try {
        listener(status, detail);
      } catch (err) {
        this.#log('error', 'bus status listener threw', { status, err: String(err) });
      }
    }
  }
}
