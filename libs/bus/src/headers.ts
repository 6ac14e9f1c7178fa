import { InvalidHeaderError } from './errors.js';

// Header lines are `Name: value\r\n` on the wire (NATS/1.0 header block), so a name
// is printable ASCII without ':' and a value has no line break.
const BAD_VALUE = /[\r\n]/;

function badName(name: string): boolean {
  if (name === '') return true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x3a) return true;
  }
  return false;
}

/** Throws InvalidHeaderError for a header that cannot travel over NATS; names the header. */
export function checkHeaders(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (badName(name))
      throw new InvalidHeaderError(
        `header name ${JSON.stringify(name)} must be printable ASCII without ':' or spaces`,
      );
    if (typeof value !== 'string' || BAD_VALUE.test(value))
      throw new InvalidHeaderError(
        `header ${JSON.stringify(name)}: value must be a string without CR or LF`,
      );
  }
}

/**
 * Headers of the streamed-reply protocol. Every reply message carries its kind, the
 * responder's id (so a requester reads one responder only) and a sequence number (so a
 * lost chunk is detected instead of silently yielding a partial answer).
 */
export const ReplyHeader = {
  kind: 'Prm-Reply',
  responder: 'Prm-Responder',
  seq: 'Prm-Seq',
  errorCode: 'Prm-Error-Code',
  /** URI-encoded, since the message may hold newlines. */
  errorMessage: 'Prm-Error-Message',
} as const;

/** Kinds of reply message. */
export type ReplyKind = 'chunk' | 'end' | 'error';
