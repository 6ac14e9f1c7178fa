import type { NatsConnection, Subscription as NatsSubscription } from '@nats-io/transport-node';
import type { BusLogger, BusMsg, ReplyStream } from '../bus.js';
import { errorMessage } from '../log.js';
import { Mailbox } from '../mailbox.js';
import type { ReplySend } from '../reply/frame.js';
import { FramedReplyStream, runServeHandler } from '../reply/reply-stream.js';
import { toBusMsg } from './wire.js';

/**
 * Something the bus keeps alive across connections: attached to every new connection
 * object (nats.js itself restores it across reconnects of one connection).
 */
export interface Attachment {
  attach(nc: NatsConnection): void;
  /** Detaches for good; resolves once running handler calls have settled. */
  stop(): Promise<void>;
}

/** A plain or queue subscription whose handler runs one message at a time. */
export class CoreSubscription implements Attachment {
  readonly #mailbox: Mailbox<BusMsg>;
  #sub: NatsSubscription | undefined;
  #stopped = false;

  constructor(
    private readonly subject: string,
    private readonly queue: string | undefined,
    handler: (msg: BusMsg) => void | Promise<void>,
    private readonly log: BusLogger,
  ) {
    this.#mailbox = new Mailbox(async (msg) => {
      try {
        await handler(msg);
      } catch (err) {
        log('error', 'subscription handler failed', {
          subject: msg.subject,
          err: errorMessage(err),
        });
      }
    });
  }

  attach(nc: NatsConnection): void {
    if (this.#stopped) return;
    this.#sub = nc.subscribe(this.subject, {
      ...(this.queue !== undefined && { queue: this.queue }),
      callback: (err, msg) => {
        if (err)
          this.log('error', 'subscription error', { subject: this.subject, err: err.message });
        else this.#mailbox.push(toBusMsg(msg));
      },
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#sub?.unsubscribe();
    await this.#mailbox.stop();
  }
}

/** A responder: each request runs its handler concurrently with a framed reply stream. */
export class ServeSubscription implements Attachment {
  readonly #running = new Set<Promise<void>>();
  #sub: NatsSubscription | undefined;
  #stopped = false;

  constructor(
    private readonly subject: string,
    private readonly queue: string | undefined,
    private readonly handler: (req: BusMsg, reply: ReplyStream) => Promise<void>,
    private readonly replySender: (replySubject: string) => ReplySend,
    private readonly maxBytes: () => number,
    private readonly log: BusLogger,
  ) {}

  attach(nc: NatsConnection): void {
    if (this.#stopped) return;
    this.#sub = nc.subscribe(this.subject, {
      ...(this.queue !== undefined && { queue: this.queue }),
      callback: (err, msg) => {
        if (err) {
          this.log('error', 'responder subscription error', {
            subject: this.subject,
            err: err.message,
          });
          return;
        }
        if (!msg.reply) {
          this.log('warn', 'request without a reply subject ignored', { subject: msg.subject });
          return;
        }
        const stream = new FramedReplyStream(this.replySender(msg.reply), this.maxBytes());
        const task = runServeHandler(this.handler, toBusMsg(msg), stream, this.log).finally(() =>
          this.#running.delete(task),
        );
        this.#running.add(task);
      },
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#sub?.unsubscribe();
    await Promise.all(this.#running);
  }
}
