/** One message as a handler receives it. */
export interface BusMsg {
  subject: string;
  data: Uint8Array;
  /** Header names as the publisher wrote them; values are single strings. */
  headers: Record<string, string>;
}

/** A live subscription, consumer or responder. */
export interface Subscription {
  /**
   * Stops delivery: no handler call starts after this is called. Resolves once the
   * handler calls already running have settled. Calling it twice is harmless.
   */
  unsubscribe(): Promise<void>;
}

/**
 * The responder's side of a streamed reply. Chunk boundaries are kept: the requester
 * yields exactly the chunks written, in order. A chunk larger than the bus's
 * maxMessageBytes is refused with MessageTooLargeError rather than split, so a codec
 * (e.g. encodeChunkedSeries) keeps each encoded chunk under the limit.
 * After end() or error() every call rejects with ReplyEndedError.
 */
export interface ReplyStream {
  /** Sends one chunk; rejects with MessageTooLargeError when it exceeds maxMessageBytes. */
  write(chunk: Uint8Array): Promise<void>;
  /** Sends the end marker. */
  end(): Promise<void>;
  /** Sends an error (code + message travel in headers) and ends the stream. */
  error(code: string, message: string): Promise<void>;
}

/** Options of Bus.request. */
export interface RequestOptions {
  /** Idle timeout in ms: the longest wait for the first or any next chunk. Default 10_000. */
  timeoutMs?: number;
}

/** Connection state as services report it in metrics and readiness. */
export type BusStatus = 'connected' | 'disconnected' | 'reconnecting' | 'closed';

/**
 * The message bus every service talks through, implemented over NATS (NatsBus) and in
 * one process (InProcessBus) with the same contract (see contract/bus-contract.ts).
 *
 * Subjects are NATS subjects: dot-separated tokens; subscribe/serve/consumeDurable accept
 * the wildcards `*` (one token) and `>` (one or more trailing tokens). Subjects come from
 * the `subjects` catalogue; an invalid subject throws InvalidSubjectError.
 *
 * Every payload (publish, publishDurable, request data, reply chunk) must be at most
 * `maxMessageBytes` long, else MessageTooLargeError. While the bus is not connected,
 * publish, publishDurable and request reject with BusUnavailableError; nothing is buffered
 * (nats.js v3 discards its outbound buffer on reconnect, so buffering would lose messages
 * silently). After close() they reject with BusClosedError.
 */
export interface Bus {
  /** Largest payload in bytes any operation accepts. */
  readonly maxMessageBytes: number;
  /** Current connection state; the in-process bus is 'connected' until closed. */
  readonly status: BusStatus;

  /** Fire-and-forget publish to every current subscriber; resolves once handed to the bus. */
  publish(subject: string, data: Uint8Array, headers?: Record<string, string>): Promise<void>;

  /**
   * Calls `handler` for each message on `subject`, one call at a time per subscription,
   * in arrival order. With `queue`, each message goes to one member of the group
   * (members share subject and queue name). A handler that throws is logged and the
   * subscription keeps running. It survives reconnects.
   */
  subscribe(
    subject: string,
    handler: (msg: BusMsg) => void | Promise<void>,
    opts?: { queue?: string },
  ): Subscription;

  /**
   * Answers requests on `subject` with a streamed reply; requests are handled
   * concurrently. When the handler resolves without ending the stream, end() is sent;
   * when it throws, error('internal', message) is sent. With `queue` one member of
   * the group answers each request (any replica of a shard).
   */
  serve(
    subject: string,
    handler: (req: BusMsg, reply: ReplyStream) => Promise<void>,
    opts?: { queue?: string },
  ): Subscription;

  /**
   * Sends a request when iteration starts and yields the reply's chunks in order until
   * the end marker. Throws NoResponderError when nobody serves `subject`,
   * BusTimeoutError when no chunk arrives within timeoutMs, RemoteError when the
   * responder sends an error. If several responders answer, only the first is read.
   * Breaking out of the loop abandons the reply.
   */
  request(subject: string, data: Uint8Array, opts?: RequestOptions): AsyncIterable<Uint8Array>;

  /**
   * Appends to the durable log; resolves once stored (JetStream PubAck). Only subjects
   * under `subjects.durable` (`prm.write.v1.>`) are durable; others throw
   * InvalidSubjectError. Plain subscribers of the subject see the message too.
   */
  publishDurable(subject: string, data: Uint8Array): Promise<void>;

  /**
   * At-least-once delivery of every durable message on `subject` (wildcards allowed) to
   * the consumer called `consumer`, from the oldest retained message on, resuming where
   * that consumer left off. Messages are acknowledged after `handler` resolves; when it
   * throws, the message is redelivered after a short backoff, before any later message,
   * so a consumer sees the log in order. A consumer that died with messages unacknowledged
   * gets them again, in order, when it next attaches. Each (subject, consumer)
   * pair has its own cursor, so two consumer names each get every message. Handler
   * calls are sequential per consumer. Consumer names: letters, digits, '-' and '_'.
   */
  consumeDurable(
    subject: string,
    consumer: string,
    handler: (msg: BusMsg) => Promise<void>,
  ): Subscription;

  /** Registers a listener for status changes; `detail` says why (server, error). */
  onStatus(listener: (status: BusStatus, detail?: string) => void): void;

  /**
   * Fails in-flight requests with BusClosedError, stops every subscription and waits for
   * running handlers (without a bound: a handler that never settles blocks close), then
   * closes the connection. Publishing from those handlers still works meanwhile.
   * Idempotent.
   */
  close(): Promise<void>;
}

/** Structured logger the bus reports handler failures and connection trouble to. */
export type BusLogger = (
  level: 'info' | 'warn' | 'error',
  msg: string,
  fields?: Record<string, unknown>,
) => void;
