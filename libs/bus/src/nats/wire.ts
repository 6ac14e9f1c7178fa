import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Msg, MsgHdrs } from '@nats-io/transport-node';
import type { BusMsg } from '../bus.js';
import { NoResponderError, ReplyIncompleteError } from '../errors.js';
import { ReplyHeader } from '../headers.js';
import type { ReplyKind } from '../headers.js';
import type { ReplyFrame } from '../reply/frame.js';

// The status code nats-server puts on the reply when a request has no subscriber.
const NO_RESPONDERS_STATUS = 503;
const KINDS: readonly string[] = ['chunk', 'end', 'error'] satisfies ReplyKind[];

/** nats.js headers from a plain record (undefined when empty, so no header block is sent). */
export function toNatsHeaders(record: Readonly<Record<string, string>>): MsgHdrs | undefined {
  const entries = Object.entries(record);
  if (entries.length === 0) return undefined;
  const h = natsHeaders();
  for (const [name, value] of entries) h.set(name, value);
  return h;
}

/** A received NATS message as handlers see it; a repeated header keeps its first value. */
export function toBusMsg(msg: Msg): BusMsg {
  const headers: Record<string, string> = {};
  if (msg.headers) for (const [name, values] of msg.headers) headers[name] = values[0] ?? '';
  return { subject: msg.subject, data: msg.data, headers };
}

/** The headers carrying a reply frame's metadata. */
export function frameHeaders(frame: ReplyFrame): MsgHdrs {
  const h = natsHeaders();
  h.set(ReplyHeader.kind, frame.kind);
  h.set(ReplyHeader.responder, frame.responder);
  h.set(ReplyHeader.seq, String(frame.seq));
  if (frame.kind === 'error') {
    h.set(ReplyHeader.errorCode, encodeURIComponent(frame.code ?? 'internal'));
    h.set(ReplyHeader.errorMessage, encodeURIComponent(frame.message ?? ''));
  }
  return h;
}

function decodeHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The reply frame a message on a request inbox carries; NoResponderError for the
 * server's 503; ReplyIncompleteError for a message that is not a reply frame.
 */
export function frameFromMsg(msg: Msg, subject: string): ReplyFrame | Error {
  const h = msg.headers;
  if (h?.code === NO_RESPONDERS_STATUS && msg.data.length === 0)
    return new NoResponderError(`no responder for ${subject}`);
  const kind = h?.get(ReplyHeader.kind) ?? '';
  const seq = Number(h?.get(ReplyHeader.seq));
  const responder = h?.get(ReplyHeader.responder) ?? '';
  if (!h || !KINDS.includes(kind) || !Number.isSafeInteger(seq) || responder === '')
    return new ReplyIncompleteError(
      `request to ${subject}: received a message that is not a reply frame`,
    );
  return {
    kind: kind as ReplyKind,
    responder,
    seq,
    data: msg.data,
    ...(kind === 'error' && {
      code: decodeHeader(h.get(ReplyHeader.errorCode)),
      message: decodeHeader(h.get(ReplyHeader.errorMessage)),
    }),
  };
}
