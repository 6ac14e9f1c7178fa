import { randomUUID } from 'node:crypto';
import type { BusLogger, BusMsg, ReplyStream } from '../bus.js';
import { MessageTooLargeError, ReplyEndedError } from '../errors.js';
import { errorMessage } from '../log.js';
import type { ReplyFrame, ReplySend } from './frame.js';

// Error messages travel in a header; keep them well below any header limit.
const MAX_ERROR_MESSAGE_CHARS = 4096;

/** The ReplyStream both buses hand to serve handlers: numbers frames and enforces the size limit. */
export class FramedReplyStream implements ReplyStream {
  readonly #send: ReplySend;
  readonly #maxBytes: number;
  readonly #responder = randomUUID();
  #seq = 0;
  #ended = false;

  /** `send` delivers frames in call order; `maxBytes` bounds each chunk. */
  constructor(send: ReplySend, maxBytes: number) {
    this.#send = send;
    this.#maxBytes = maxBytes;
  }

  /** Whether end() or error() was called. */
  get ended(): boolean {
    return this.#ended;
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.#checkOpen('write');
    if (chunk.length > this.#maxBytes)
      throw new MessageTooLargeError(
        `reply chunk of ${chunk.length} bytes exceeds maxMessageBytes ${this.#maxBytes}`,
      );
    await this.#send(this.#frame('chunk', chunk));
  }

  async end(): Promise<void> {
    this.#checkOpen('end');
    this.#ended = true;
    await this.#send(this.#frame('end', new Uint8Array(0)));
  }

  async error(code: string, message: string): Promise<void> {
    this.#checkOpen('error');
    this.#ended = true;
    const frame = this.#frame('error', new Uint8Array(0));
    await this.#send({ ...frame, code, message: message.slice(0, MAX_ERROR_MESSAGE_CHARS) });
  }

  #checkOpen(op: string): void {
    if (this.#ended) throw new ReplyEndedError(`reply stream: ${op}() after the stream ended`);
  }

  #frame(kind: ReplyFrame['kind'], data: Uint8Array): ReplyFrame {
    return { kind, responder: this.#responder, seq: this.#seq++, data };
  }
}

/**
 * Runs one serve handler: ends the stream when the handler forgot to, turns a thrown
 * error into error('internal', message), and logs what cannot reach the requester.
 */
export async function runServeHandler(
  handler: (req: BusMsg, reply: ReplyStream) => Promise<void>,
  req: BusMsg,
  reply: FramedReplyStream,
  log: BusLogger,
): Promise<void> {
  try {
    await handler(req, reply);
    if (!reply.ended) await reply.end();
  } catch (err) {
    const message = errorMessage(err);
    if (reply.ended) {
      log('error', 'serve handler failed after its reply ended', {
        subject: req.subject,
        err: message,
      });
      return;
    }
    log('warn', 'serve handler failed; replying with an internal error', {
      subject: req.subject,
      err: message,
    });
    await reply.error('internal', message).catch((sendErr: unknown) =>
      log('error', 'could not send error reply', {
        subject: req.subject,
        err: errorMessage(sendErr),
      }),
    );
  }
}
