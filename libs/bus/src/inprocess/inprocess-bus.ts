import type {
  Bus,
  BusLogger,
  BusMsg,
  BusStatus,
  ReplyStream,
  RequestOptions,
  Subscription,
} from '../bus.js';
import { BusClosedError, InvalidSubjectError, NoResponderError } from '../errors.js';
import {
  DEFAULT_DURABLE_MAX_AGE_MS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  positiveOption,
} from '../defaults.js';
import { checkHeaders } from '../headers.js';
import { errorMessage, stderrLogger } from '../log.js';
import { Mailbox } from '../mailbox.js';
import { checkPayload } from '../payload.js';
import type { ReplySend } from '../reply/frame.js';
import { ReplyReceiver } from '../reply/reply-receiver.js';
import { FramedReplyStream, runServeHandler } from '../reply/reply-stream.js';
import { StatusEmitter } from '../status.js';
import {
  checkConsumerName,
  checkFilterSubject,
  checkPublishSubject,
  checkQueueName,
} from '../subject-syntax.js';
import { isDurableSubject } from '../subjects.js';
import { DurableConsumerLoop, DurableCursor } from './durable-consumer.js';
import { DurableLog } from './durable-log.js';
import { Registry } from './registry.js';

/** Options of createInProcessBus. */
export interface InProcessBusOptions {
  /** Largest payload; default 512 KiB. */
  maxMessageBytes?: number;
  /** Durable log retention: default 24 h and 64 MiB, oldest dropped first. */
  durableStream?: { maxAgeMs?: number; maxBytes?: number };
  /** Where handler failures go; default one JSON line per entry on stderr. */
  log?: BusLogger;
}

const DEFAULT_INPROCESS_DURABLE_BYTES = 64 * 1024 * 1024;

/** Creates a bus that lives in this process: no network, same contract as the NATS bus. */
export function createInProcessBus(opts: InProcessBusOptions = {}): Bus {
  return new InProcessBus(opts);
}

class InProcessBus implements Bus {
  readonly maxMessageBytes: number;
  readonly #log: BusLogger;
  readonly #status: StatusEmitter;
  readonly #registry = new Registry();
  readonly #durable: DurableLog;
  readonly #cursors = new Map<string, DurableCursor>();
  readonly #stoppers = new Set<() => Promise<void>>();
  readonly #requests = new Set<ReplyReceiver>();
  #closing = false;

  constructor(opts: InProcessBusOptions) {
    this.maxMessageBytes = positiveOption(
      opts.maxMessageBytes,
      DEFAULT_MAX_MESSAGE_BYTES,
      'maxMessageBytes',
    );
    this.#log = opts.log ?? stderrLogger;
    this.#status = new StatusEmitter('connected', this.#log);
    this.#durable = new DurableLog({
      maxAgeMs: positiveOption(
        opts.durableStream?.maxAgeMs,
        DEFAULT_DURABLE_MAX_AGE_MS,
        'durableStream.maxAgeMs',
      ),
      maxBytes: positiveOption(
        opts.durableStream?.maxBytes,
        DEFAULT_INPROCESS_DURABLE_BYTES,
        'durableStream.maxBytes',
      ),
    });
  }

  get status(): BusStatus {
    return this.#status.status;
  }

  onStatus(listener: (status: BusStatus, detail?: string) => void): void {
    this.#status.on(listener);
  }

  async publish(
    subject: string,
    data: Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<void> {
    this.#checkOpen();
    checkPublishSubject(subject);
    checkHeaders(headers);
    checkPayload(data, this.maxMessageBytes, `publish ${subject}`);
    this.#route({ subject, data, headers }, undefined);
  }

  subscribe(
    subject: string,
    handler: (msg: BusMsg) => void | Promise<void>,
    opts: { queue?: string } = {},
  ): Subscription {
    this.#checkAttach(subject, opts.queue);
    const mailbox = new Mailbox<BusMsg>(async (msg) => {
      try {
        await handler(msg);
      } catch (err) {
        this.#log('error', 'subscription handler failed', {
          subject: msg.subject,
          err: errorMessage(err),
        });
      }
    });
    const remove = this.#registry.add({
      filter: subject,
      queue: opts.queue,
      deliver: (msg) => mailbox.push(msg),
    });
    return this.#track(async () => {
      remove();
      await mailbox.stop();
    });
  }

  serve(
    subject: string,
    handler: (req: BusMsg, reply: ReplyStream) => Promise<void>,
    opts: { queue?: string } = {},
  ): Subscription {
    this.#checkAttach(subject, opts.queue);
    const running = new Set<Promise<void>>();
    const remove = this.#registry.add({
      filter: subject,
      queue: opts.queue,
      deliver: (msg, send) => {
        if (!send) return; // a plain publish on a served subject has nobody to answer
        const stream = new FramedReplyStream(send, this.maxMessageBytes);
        const task = Promise.resolve()
          .then(() => runServeHandler(handler, msg, stream, this.#log))
          .finally(() => running.delete(task));
        running.add(task);
      },
    });
    return this.#track(async () => {
      remove();
      await Promise.all(running);
    });
  }

  async *request(
    subject: string,
    data: Uint8Array,
    opts: RequestOptions = {},
  ): AsyncGenerator<Uint8Array> {
    if (this.#closing) throw new BusClosedError('bus closed');
    checkPublishSubject(subject);
    checkPayload(data, this.maxMessageBytes, `request ${subject}`);
    const receiver = new ReplyReceiver();
    this.#requests.add(receiver);
    try {
      const send: ReplySend = async (frame) => {
        this.#checkOpen();
        // Like a NATS inbox nobody listens on any more: frames for a gone requester vanish.
        if (!this.#requests.has(receiver)) return;
        const copy = frame.data.slice();
        queueMicrotask(() => receiver.receive({ ...frame, data: copy }));
      };
      const reached = this.#route({ subject, data, headers: {} }, send);
      if (reached === 0) receiver.fail(new NoResponderError(`no responder for ${subject}`));
      yield* receiver.chunks(opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, subject);
    } finally {
      this.#requests.delete(receiver);
    }
  }

  async publishDurable(subject: string, data: Uint8Array): Promise<void> {
    this.#checkOpen();
    checkPublishSubject(subject);
    if (!isDurableSubject(subject))
      throw new InvalidSubjectError(`publishDurable: ${subject} is not a durable subject`);
    checkPayload(data, this.maxMessageBytes, `publishDurable ${subject}`);
    const copy = data.slice();
    this.#durable.append(subject, copy, Date.now());
    this.#route({ subject, data: copy, headers: {} }, undefined);
  }

  consumeDurable(
    subject: string,
    consumer: string,
    handler: (msg: BusMsg) => Promise<void>,
  ): Subscription {
    this.#checkAttach(subject, undefined);
    checkConsumerName(consumer);
    if (!isDurableSubject(subject))
      throw new InvalidSubjectError(`consumeDurable: ${subject} is not a durable subject`);
    const key = `${subject} ${consumer}`;
    let cursor = this.#cursors.get(key);
    if (!cursor) this.#cursors.set(key, (cursor = new DurableCursor()));
    const loop = new DurableConsumerLoop(this.#durable, cursor, subject, handler, this.#log);
    return this.#track(() => loop.stop());
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    for (const receiver of this.#requests) receiver.fail(new BusClosedError('bus closed'));
    await Promise.all([...this.#stoppers].map((stop) => stop()));
    this.#status.set('closed', 'closed by the application');
  }

  /** Delivers to every recipient (each gets its own copy); returns how many. */
  #route(msg: BusMsg, reply: ReplySend | undefined): number {
    const recipients = this.#registry.recipients(msg.subject);
    for (const route of recipients) {
      route.deliver(
        { subject: msg.subject, data: msg.data.slice(), headers: { ...msg.headers } },
        reply,
      );
    }
    return recipients.length;
  }

  #track(stop: () => Promise<void>): Subscription {
    let stopping: Promise<void> | undefined;
    const once = (): Promise<void> => {
      stopping ??= stop().finally(() => this.#stoppers.delete(once));
      return stopping;
    };
    this.#stoppers.add(once);
    return { unsubscribe: once };
  }

  #checkAttach(subject: string, queue: string | undefined): void {
    if (this.#closing) throw new BusClosedError('bus closed');
    checkFilterSubject(subject);
    if (queue !== undefined) checkQueueName(queue);
  }

  #checkOpen(): void {
    if (this.#status.status === 'closed') throw new BusClosedError('bus closed');
  }
}
