import type { ReplyKind } from '../headers.js';

/**
 * One message of a streamed reply as both bus implementations exchange it: the NATS bus
 * maps it to headers + payload, the in-process bus hands it over directly.
 */
export interface ReplyFrame {
  readonly kind: ReplyKind;
  /** Random id of the answering ReplyStream. */
  readonly responder: string;
  /** 0, 1, 2, ... per responder, across chunk, end and error frames. */
  readonly seq: number;
  /** The chunk (empty for end and error). */
  readonly data: Uint8Array;
  /** For kind 'error'. */
  readonly code?: string;
  /** For kind 'error'. */
  readonly message?: string;
}

/** Sends one frame to the requester; rejects when the bus cannot deliver it. */
export type ReplySend = (frame: ReplyFrame) => Promise<void>;
