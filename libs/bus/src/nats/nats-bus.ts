import { jetstream } from '@nats-io/jetstream';
import { errors as natsErrors, RequestError } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type {
  Bus,
  BusLogger,
  BusMsg,
  BusStatus,
  ReplyStream,
  RequestOptions,
  Subscription,
} from '../bus.js';
import {
  BusClosedError,
  BusTimeoutError,
  BusUnavailableError,
  InvalidSubjectError,
  MessageTooLargeError,
} from '../errors.js';
import {
  DEFAULT_DURABLE_MAX_AGE_MS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  positiveOption,
} from '../defaults.js';
import { checkHeaders } from '../headers.js';
import { errorMessage, stderrLogger } from '../log.js';
import { checkPayload } from '../payload.js';
import type { ReplySend } from '../reply/frame.js';
import type { ReplyReceiver } from '../reply/reply-receiver.js';
import { StatusEmitter } from '../status.js';
import {
  checkConsumerName,
  checkFilterSubject,
  checkPublishSubject,
  checkQueueName,
} from '../subject-syntax.js';
import { isDurableSubject } from '../subjects.js';
import { CoreSubscription, ServeSubscription } from './attachments.js';
import type { Attachment } from './attachments.js';
import { Connector } from './connector.js';
import { DurableSubscription } from './durable-consumer.js';
import { ensureStream } from './jetstream.js';
import type { StreamLimits } from './jetstream.js';
import { toConnectionOptions } from './options.js';
import { diagnoseConnectError } from './tls-probe.js';
import { replySender, streamRequest } from './request.js';
import type { Publish } from './request.js';
import type { NatsBusOptions } from './options.js';
import { toNatsHeaders } from './wire.js';

// max_payload counts headers too; leave room for ours and the caller's.
const HEADER_ROOM_BYTES = 4096;
const PUBLISH_ACK_TIMEOUT_MS = 5_000;
const CLOSE_FLUSH_MS = 1_000;

/** nats.js publish with its errors mapped: max_payload → MessageTooLargeError, else unavailable. */
const publishMapped: Publish = (nc, subject, data, opts) => {
  try {
    nc.publish(subject, data, opts);
  } catch (err) {
    if (err instanceof natsErrors.InvalidArgumentError && /max_payload/.test(err.message))
      throw new MessageTooLargeError(`${subject}: ${err.message}`, { cause: err });
    throw new BusUnavailableError(`publish ${subject}: ${errorMessage(err)}`, { cause: err });
  }
};

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** JetStream's max_bytes: -1 (unlimited) unless a positive limit is given. */
function unlimitedUnlessSet(maxBytes: number | undefined): number {
  return maxBytes === undefined ? -1 : positiveOption(maxBytes, 0, 'durableStream.maxBytes');
}

/**
 * Connects a Bus to NATS. Resolves once connected, or at once with a bus in status
 * 'reconnecting' when no server is reachable (it keeps retrying forever and logs why).
 * Rejects with BusConfigError for unusable options or files and with BusAuthError
 * when the server refuses the credentials or the TLS handshake fails.
 */
export async function connectNatsBus(opts: NatsBusOptions): Promise<Bus> {
  const bus = new NatsBus(opts);
  await bus.start();
  return bus;
}

class NatsBus implements Bus {
  readonly #log: BusLogger;
  readonly #status: StatusEmitter;
  readonly #connector: Connector;
  readonly #configuredMax: number;
  readonly #limits: StreamLimits;
  readonly #retryMs: number;
  readonly #attachments = new Set<Attachment>();
  readonly #requests = new Set<ReplyReceiver>();
  #stream: Promise<void> | undefined;
  #closing = false;

  constructor(opts: NatsBusOptions) {
    const connectionOptions = toConnectionOptions(opts);
    this.#log = opts.log ?? stderrLogger;
    this.#status = new StatusEmitter('disconnected', this.#log);
    this.#configuredMax = positiveOption(
      opts.maxMessageBytes,
      DEFAULT_MAX_MESSAGE_BYTES,
      'maxMessageBytes',
    );
    this.#limits = {
      maxAgeMs: positiveOption(
        opts.durableStream?.maxAgeMs,
        DEFAULT_DURABLE_MAX_AGE_MS,
        'durableStream.maxAgeMs',
      ),
      maxBytes: unlimitedUnlessSet(opts.durableStream?.maxBytes),
    };
    this.#retryMs = connectionOptions.reconnectTimeWait ?? 2000;
    this.#connector = new Connector(
      connectionOptions,
      this.#status,
      this.#log,
      {
        connected: (nc) => {
          this.#refreshStream();
          for (const a of this.#attachments) a.attach(nc);
        },
        reconnected: () => this.#refreshStream(),
        disconnected: () => this.#failRequests(new BusUnavailableError('connection to NATS lost')),
      },
      (err) => diagnoseConnectError(err, connectionOptions),
    );
  }

  /** See connectNatsBus. */
  start(): Promise<void> {
    return this.#connector.start();
  }

  get status(): BusStatus {
    return this.#status.status;
  }

  get maxMessageBytes(): number {
    const serverMax = this.#connector.connection?.info?.max_payload;
    return serverMax === undefined
      ? this.#configuredMax
      : Math.min(this.#configuredMax, serverMax - HEADER_ROOM_BYTES);
  }

  onStatus(listener: (status: BusStatus, detail?: string) => void): void {
    this.#status.on(listener);
  }

  async publish(
    subject: string,
    data: Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<void> {
    checkPublishSubject(subject);
    checkHeaders(headers);
    checkPayload(data, this.maxMessageBytes, `publish ${subject}`);
    const natsHeaders = toNatsHeaders(headers);
    publishMapped(
      this.#live(`publish ${subject}`),
      subject,
      data,
      natsHeaders ? { headers: natsHeaders } : {},
    );
  }

  subscribe(
    subject: string,
    handler: (msg: BusMsg) => void | Promise<void>,
    opts: { queue?: string } = {},
  ): Subscription {
    this.#checkAttach(subject, opts.queue);
    return this.#add(new CoreSubscription(subject, opts.queue, handler, this.#log));
  }

  serve(
    subject: string,
    handler: (req: BusMsg, reply: ReplyStream) => Promise<void>,
    opts: { queue?: string } = {},
  ): Subscription {
    this.#checkAttach(subject, opts.queue);
    const live = (): NatsConnection => this.#live(`reply on ${subject}`);
    const sender = (replySubject: string): ReplySend =>
      replySender(live, publishMapped, replySubject);
    return this.#add(
      new ServeSubscription(
        subject,
        opts.queue,
        handler,
        sender,
        () => this.maxMessageBytes,
        this.#log,
      ),
    );
  }

  async *request(
    subject: string,
    data: Uint8Array,
    opts: RequestOptions = {},
  ): AsyncGenerator<Uint8Array> {
    if (this.#closing) throw new BusClosedError('bus closed');
    checkPublishSubject(subject);
    checkPayload(data, this.maxMessageBytes, `request ${subject}`);
    const nc = this.#live(`request ${subject}`);
    const timeoutMs = opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    yield* streamRequest(nc, publishMapped, subject, data, timeoutMs, this.#requests);
  }

  async publishDurable(subject: string, data: Uint8Array): Promise<void> {
    checkPublishSubject(subject);
    if (!isDurableSubject(subject))
      throw new InvalidSubjectError(`publishDurable: ${subject} is not a durable subject`);
    checkPayload(data, this.maxMessageBytes, `publishDurable ${subject}`);
    for (let attempt = 1; ; attempt++) {
      const nc = this.#live(`publishDurable ${subject}`);
      try {
        await this.#streamReady();
        await jetstream(nc).publish(subject, data, { timeout: PUBLISH_ACK_TIMEOUT_MS });
        return;
      } catch (err) {
        // No responder means the stream is gone (e.g. a wiped server): recreate it once.
        if (attempt === 1 && err instanceof RequestError && err.isNoResponders()) {
          this.#stream = undefined;
          continue;
        }
        throw this.#durableError(subject, err);
      }
    }
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
    const streamReady = (): Promise<void> => this.#streamReady();
    return this.#add(
      new DurableSubscription(subject, consumer, handler, streamReady, this.#retryMs, this.#log),
    );
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#failRequests(new BusClosedError('bus closed'));
    await Promise.all([...this.#attachments].map((a) => a.stop()));
    this.#attachments.clear();
    this.#status.set('closed', 'closed by the application');
    // nats.js leaves the timer of a request cut short by close() running (5 s), so let
    // the stream set-up finish first.
    await Promise.race([this.#stream?.catch(() => undefined), delay(CLOSE_FLUSH_MS)]);
    await this.#connector.close(CLOSE_FLUSH_MS);
  }

  #add(attachment: Attachment): Subscription {
    this.#attachments.add(attachment);
    const nc = this.#connector.connection;
    if (nc) attachment.attach(nc);
    let stopping: Promise<void> | undefined;
    return {
      unsubscribe: () => {
        stopping ??= attachment.stop().finally(() => this.#attachments.delete(attachment));
        return stopping;
      },
    };
  }

  /** The connection, if the bus is connected right now. */
  #live(what: string): NatsConnection {
    if (this.#status.status === 'closed') throw new BusClosedError(`${what}: bus closed`);
    const nc = this.#connector.connection;
    if (!nc || this.#status.status !== 'connected')
      throw new BusUnavailableError(`${what}: not connected to NATS (${this.#status.status})`);
    return nc;
  }

  #streamReady(): Promise<void> {
    const nc = this.#connector.connection;
    if (!nc) return Promise.reject(new BusUnavailableError('not connected to NATS'));
    this.#stream ??= ensureStream(nc, this.#limits).catch((err: unknown) => {
      this.#stream = undefined;
      throw err;
    });
    return this.#stream;
  }

  #refreshStream(): void {
    this.#stream = undefined;
    this.#streamReady().catch((err: unknown) => {
      if (!this.#closing)
        this.#log('error', 'cannot create the durable JetStream stream', {
          err: errorMessage(err),
        });
    });
  }

  #durableError(subject: string, err: unknown): Error {
    if (err instanceof natsErrors.TimeoutError)
      return new BusTimeoutError(
        `publishDurable ${subject}: no PubAck within ${PUBLISH_ACK_TIMEOUT_MS} ms`,
        {
          cause: err,
        },
      );
    if (this.#status.status === 'closed') return new BusClosedError('bus closed', { cause: err });
    return new BusUnavailableError(`publishDurable ${subject}: ${errorMessage(err)}`, {
      cause: err,
    });
  }

  #failRequests(err: Error): void {
    for (const receiver of this.#requests) receiver.fail(err);
  }

  #checkAttach(subject: string, queue: string | undefined): void {
    if (this.#closing) throw new BusClosedError('bus closed');
    checkFilterSubject(subject);
    if (queue !== undefined) checkQueueName(queue);
  }
}
