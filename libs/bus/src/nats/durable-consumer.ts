import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusLogger, BusMsg } from '../bus.js';
import { errorMessage } from '../log.js';
import { redeliveryDelayMs } from '../redelivery.js';
import type { Attachment } from './attachments.js';
import { ACK_WAIT_MS, DURABLE_STREAM, ensureConsumer } from './jetstream.js';

// Messages pulled ahead of the handler; small, so none waits long enough to hit ack_wait.
const PULL_BATCH = 32;
// During an outage, repeat the warning only every this many failed attempts.
const LOG_EVERY_FAILURES = 30;

/**
 * consumeDurable over JetStream: a durable pull consumer, explicit ack after the
 * handler resolves, nak with backoff when it throws. nats.js resumes pulling after a
 * reconnect; after any other failure (stream not there yet, JetStream down) the
 * attachment retries every `retryMs`.
 */
export class DurableSubscription implements Attachment {
  #stopped = false;
  #messages: ConsumerMessages | undefined;
  #loop: Promise<void> = Promise.resolve();
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
    for (let failures = 1; !this.#stopped && !nc.isClosed(); failures++) {
      let problem: unknown = 'message stream ended';
      try {
        await this.#consume(nc);
      } catch (err) {
        problem = err;
      }
      if (this.#stopped || nc.isClosed()) return;
      if (failures === 1 || failures % LOG_EVERY_FAILURES === 0)
        this.log('warn', 'durable consumer is not consuming; retrying', {
          subject: this.subject,
          consumer: this.consumer,
          failures,
          err: errorMessage(problem),
        });
      await this.#sleep(this.retryMs);
    }
  }

  async #consume(nc: NatsConnection): Promise<void> {
    await this.streamReady();
    const name = await ensureConsumer(await jetstreamManager(nc), this.consumer, this.subject);
    const consumer = await jetstream(nc).consumers.get(DURABLE_STREAM, name);
    const messages = await consumer.consume({ max_messages: PULL_BATCH });
    this.#messages = messages;
    if (this.#stopped) messages.stop();
    for await (const m of messages) {
      await this.#handle(m);
      if (this.#stopped) break;
    }
  }

  async #handle(m: JsMsg): Promise<void> {
    // Tell the server the message is still being worked on, so a slow handler is not
    // raced by a redelivery of the same message.
    const keepAlive = setInterval(() => m.working(), ACK_WAIT_MS / 3);
    try {
      await this.handler({ subject: m.subject, data: m.data, headers: {} });
      m.ack();
    } catch (err) {
      const attempt = m.info.deliveryCount;
      const delayMs = redeliveryDelayMs(attempt);
      this.log('warn', 'durable handler failed; message will be redelivered', {
        subject: m.subject,
        consumer: this.consumer,
        attempt,
        delayMs,
        err: errorMessage(err),
      });
      m.nak(delayMs);
    } finally {
      clearInterval(keepAlive);
    }
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
