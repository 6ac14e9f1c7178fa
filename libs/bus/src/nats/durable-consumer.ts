import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusLogger, BusMsg } from '../bus.js';
import { errorMessage } from '../log.js';
import { redeliveryDelayMs } from '../redelivery.js';
import type { Attachment } from './attachments.js';
import { ACK_WAIT_MS, DURABLE_STREAM, attachConsumer } from './jetstream.js';

// Messages pulled ahead of the handler; small, so none waits long enough to hit ack_wait.
const PULL_BATCH = 32;
// During an outage, repeat the warning only every this many failed attempts.
const LOG_EVERY_FAILURES = 30;

/** A handler that threw, on the message with stream sequence `seq`. */
interface HandlerFailure {
  readonly seq: number;
  readonly subject: string;
  readonly err: unknown;
}

/**
 * consumeDurable over JetStream: a durable pull consumer, explicit ack after the handler
 * resolves, one message at a time. When the handler throws, consuming stops and, after a
 * backoff, restarts at the consumer's ack floor (attachConsumer), so the failed message
 * comes again before any later one. nats.js resumes pulling after a reconnect; after any
 * other failure (stream not there yet, JetStream down) the attachment retries every `retryMs`.
 */
export class DurableSubscription implements Attachment {
  #stopped = false;
  #messages: ConsumerMessages | undefined;
  #loop: Promise<void> = Promise.resolve();
  /** Consecutive failures of the handler on the same message. */
  #attempts = { seq: 0, count: 0 };
  #wake: (() => void) | undefined;

  constructor(
    private readonly subject: string,
    private readonly consumer: string,
    private readonly handler: (msg: BusMsg) => Promise<void>,
    private readonly streamReady: () => Promise<void>,
    private readonly retryMs: number,
    private readonly log: BusLogger,
  ) {}

  attach(nc: NatsConnection): void {
    const previous = this.#loop;
    this.#loop = previous.then(() => this.#run(nc));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#messages?.stop();
    this.#wake?.();
    await this.#loop;
  }

  async #run(nc: NatsConnection): Promise<void> {
    for (let failures = 1; !this.#stopped && !nc.isClosed();) {
      let problem: unknown = 'message stream ended';
      let failed: HandlerFailure | undefined;
      try {
        failed = await this.#consume(nc);
      } catch (err) {
        problem = err;
      }
      if (this.#stopped || nc.isClosed()) return;
      if (failed) {
        await this.#sleep(this.#backoff(failed));
        continue;
      }
      if (failures === 1 || failures % LOG_EVERY_FAILURES === 0)
        this.log('warn', 'durable consumer is not consuming; retrying', {
          subject: this.subject,
          consumer: this.consumer,
          failures,
          err: errorMessage(problem),
        });
      failures++;
      await this.#sleep(this.retryMs);
    }
  }

  /** Consumes until stopped, the stream ends, or the handler throws (returned). */
  async #consume(nc: NatsConnection): Promise<HandlerFailure | undefined> {
    await this.streamReady();
    const name = await attachConsumer(await jetstreamManager(nc), this.consumer, this.subject);
    const consumer = await jetstream(nc).consumers.get(DURABLE_STREAM, name);
    const messages = await consumer.consume({ max_messages: PULL_BATCH });
    this.#messages = messages;
    if (this.#stopped) messages.stop();
    for await (const m of messages) {
      const failed = await this.#handle(m);
      if (failed) {
        // Later messages already pulled must not overtake it: drop them unacknowledged,
        // and let the server see every earlier ack before the restart reads the ack floor.
        messages.stop();
        await nc.flush();
        return failed;
      }
      if (this.#stopped) break;
    }
    return undefined;
  }

  async #handle(m: JsMsg): Promise<HandlerFailure | undefined> {
    // Tell the server the message is still being worked on, so a slow handler is not
    // raced by a redelivery of the same message.
    const keepAlive = setInterval(() => m.working(), ACK_WAIT_MS / 3);
    try {
      await this.handler({ subject: m.subject, data: m.data, headers: {} });
      m.ack();
      return undefined;
    } catch (err) {
      return { seq: m.seq, subject: m.subject, err };
    } finally {
      clearInterval(keepAlive);
    }
  }

  #backoff(failed: HandlerFailure): number {
    const same = this.#attempts.seq === failed.seq;
    this.#attempts = { seq: failed.seq, count: same ? this.#attempts.count + 1 : 1 };
    const delayMs = redeliveryDelayMs(this.#attempts.count);
    this.log('warn', 'durable handler failed; message will be redelivered', {
      subject: failed.subject,
      consumer: this.consumer,
      attempt: this.#attempts.count,
      delayMs,
      err: errorMessage(failed.err),
    });
    return delayMs;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
