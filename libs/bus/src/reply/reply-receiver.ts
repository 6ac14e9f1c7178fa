import { BusTimeoutError, RemoteError, ReplyIncompleteError } from '../errors.js';
import type { ReplyFrame } from './frame.js';

const END = Symbol('end');
type Event = Uint8Array | Error | typeof END;

/**
 * The requester's side of a streamed reply: accepts frames from the first responder
 * only, checks their sequence and yields chunks with an idle timeout. Frames are pushed
 * by the bus; the consumer pulls with chunks().
 */
export class ReplyReceiver {
  readonly #events: Event[] = [];
  #wake: (() => void) | undefined;
  #responder: string | undefined;
  #seq = 0;
  #finished = false;

  /** Takes one frame; frames of other responders and frames after the end are ignored. */
  receive(frame: ReplyFrame): void {
    if (this.#finished) return;
    this.#responder ??= frame.responder;
    if (frame.responder !== this.#responder) return;
    if (frame.seq !== this.#seq) {
      this.fail(new ReplyIncompleteError(`reply frame ${this.#seq} was lost (got ${frame.seq})`));
      return;
    }
    this.#seq++;
    if (frame.kind === 'chunk') this.#push(frame.data);
    else if (frame.kind === 'end') this.#finish(END);
    else this.#finish(new RemoteError(frame.code ?? 'internal', frame.message ?? ''));
  }

  /** Ends the reply with `err` unless it already ended. */
  fail(err: Error): void {
    if (!this.#finished) this.#finish(err);
  }

  /** Yields chunks until the end frame; throws the failure, or BusTimeoutError when idle too long. */
  async *chunks(timeoutMs: number, subject: string): AsyncGenerator<Uint8Array> {
    for (let received = 0; ; received++) {
      if (this.#events.length === 0) await this.#waitForEvent(timeoutMs, subject, received);
      const event = this.#events.shift();
      if (event === END) return;
      if (event instanceof Error) throw event;
      if (event === undefined) throw new Error('BUG: reply receiver woke without an event');
      yield event;
    }
  }

  #push(event: Event): void {
    this.#events.push(event);
    this.#wake?.();
  }

  #finish(event: Error | typeof END): void {
    this.#finished = true;
    this.#push(event);
  }

  #waitForEvent(timeoutMs: number, subject: string, received: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        const what = received === 0 ? 'no reply' : `no chunk after chunk ${received}`;
        reject(new BusTimeoutError(`request to ${subject}: ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }
}
