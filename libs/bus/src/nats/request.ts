import { createInbox } from '@nats-io/transport-node';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import { BusUnavailableError } from '../errors.js';
import type { ReplySend } from '../reply/frame.js';
import { ReplyReceiver } from '../reply/reply-receiver.js';
import { frameFromMsg, frameHeaders } from './wire.js';

// A responder waits for the server to take what it wrote once this much is unflushed,
// so a large streamed reply does not pile up in client memory.
const FLUSH_EVERY_BYTES = 1024 * 1024;

/** Publishes a message; the bus maps nats.js errors (see NatsBus). */
export type Publish = (
  nc: NatsConnection,
  subject: string,
  data: Uint8Array,
  opts: { reply?: string; headers?: MsgHdrs },
) => void;

/**
 * Sends a request with a fresh inbox as reply subject and yields the reply's chunks.
 * `inflight` holds the receiver while the request runs, so the bus can fail it when the
 * connection drops or the bus closes.
 */
export async function* streamRequest(
  nc: NatsConnection,
  publish: Publish,
  subject: string,
  data: Uint8Array,
  timeoutMs: number,
  inflight: Set<ReplyReceiver>,
): AsyncGenerator<Uint8Array> {
  const receiver = new ReplyReceiver();
  const sub = nc.subscribe(createInbox(), {
    callback: (err, msg) => {
      if (err) return receiver.fail(new BusUnavailableError(`request ${subject}: ${err.message}`));
      const frame = frameFromMsg(msg, subject);
      if (frame instanceof Error) receiver.fail(frame);
      else receiver.receive(frame);
    },
  });
  inflight.add(receiver);
  try {
    publish(nc, subject, data, { reply: sub.getSubject() });
    yield* receiver.chunks(timeoutMs, subject);
  } finally {
    inflight.delete(receiver);
    sub.unsubscribe();
  }
}

/** The ReplySend of one request: frames go to its reply subject over the live connection. */
export function replySender(
  live: () => NatsConnection,
  publish: Publish,
  replySubject: string,
): ReplySend {
  let unflushed = 0;
  return async (frame) => {
    const nc = live();
    publish(nc, replySubject, frame.data, { headers: frameHeaders(frame) });
    unflushed += frame.data.length;
    if (unflushed >= FLUSH_EVERY_BYTES) {
      unflushed = 0;
      await nc.flush();
    }
  };
}
