import type { BusLogger, BusMsg } from '../bus.js';
import { errorMessage } from '../log.js';
import { redeliveryDelayMs } from '../redelivery.js';
import type { DurableLog, LogEntry } from './durable-log.js';

interface Retry {
  readonly entry: LogEntry;
  readonly attempts: number;
  readonly at: number;
}

/**
 * The position of one named consumer in the log, kept by the bus across attachments so
 * a consumer that re-attaches resumes where it stopped (as a JetStream durable does).
 */
export class DurableCursor {
  /** The next log sequence not yet handed out. */
  next = 1;
  /** The message whose handler threw, due again at `at`; no later message goes first. */
  retry: Retry | undefined;
}

/** Runs one consumeDurable attachment: claims messages from the cursor and acknowledges them. */
export class DurableConsumerLoop {
  #stopped = false;
  #wake: (() => void) | undefined;
  readonly #done: Promise<void>;

  /** Starts consuming `filter` from `cursor` right away. */
  constructor(
    private readonly log: DurableLog,
    private readonly cursor: DurableCursor,
    private readonly filter: string,
    private readonly handler: (msg: BusMsg) => Promise<void>,
    private readonly logger: BusLogger,
  ) {
    const unlisten = log.onAppend(() => this.#wake?.());
    this.#done = this.#run().finally(unlisten);
  }

  /** Stops claiming messages; resolves after the message being handled is settled. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#done;
  }

  async #run(): Promise<void> {
    await Promise.resolve(); // never call the handler inside consumeDurable()
    while (!this.#stopped) {
      const now = Date.now();
      const claim = this.#claim(now);
      if (claim) await this.#deliver(claim.entry, claim.attempts);
      else await this.#sleep((this.cursor.retry?.at ?? Infinity) - now);
    }
  }

  #claim(now: number): { entry: LogEntry; attempts: number } | undefined {
    const { retry } = this.cursor;
    if (retry) {
      if (retry.at > now) return undefined;
      this.cursor.retry = undefined;
      return retry;
    }
    const entry = this.log.next(this.cursor.next, this.filter, now);
    if (!entry) return undefined;
    this.cursor.next = entry.seq + 1;
    return { entry, attempts: 0 };
  }

  async #deliver(entry: LogEntry, attempts: number): Promise<void> {
    const msg: BusMsg = { subject: entry.subject, data: entry.data.slice(), headers: {} };
    try {
      await this.handler(msg);
    } catch (err) {
      const attempt = attempts + 1;
      const delayMs = redeliveryDelayMs(attempt);
      this.logger('warn', 'durable handler failed; message will be redelivered', {
        subject: entry.subject,
        filter: this.filter,
        attempt,
        delayMs,
        err: errorMessage(err),
      });
      this.cursor.retry = { entry, attempts: attempt, at: Date.now() + delayMs };
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => this.#wake?.(), ms) : undefined;
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }
}
