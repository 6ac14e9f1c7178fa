/** Base of every error the bus raises; `code` is stable and safe to match on. */
export class BusError extends Error {
  override readonly name: string = 'BusError';
  readonly code: string = 'bus_error';
}

/** No responder answered, or no further chunk arrived, within the request's idle timeout. */
export class BusTimeoutError extends BusError {
  override readonly name = 'BusTimeoutError';
  override readonly code = 'timeout';
}

/** Nobody serves the requested subject. */
export class NoResponderError extends BusError {
  override readonly name = 'NoResponderError';
  override readonly code = 'no_responders';
}

/**
 * The responder reported an error (ReplyStream.error, or 'internal' when its handler
 * threw). `code` and `message` are the responder's own.
 */
export class RemoteError extends BusError {
  override readonly name = 'RemoteError';
  override readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** A payload exceeds the bus's maxMessageBytes. */
export class MessageTooLargeError extends BusError {
  override readonly name = 'MessageTooLargeError';
  override readonly code = 'message_too_large';
}

/** The bus is not connected (yet, or for now); the caller may retry later. */
export class BusUnavailableError extends BusError {
  override readonly name = 'BusUnavailableError';
  override readonly code = 'unavailable';
}

/** The bus was closed. */
export class BusClosedError extends BusError {
  override readonly name = 'BusClosedError';
  override readonly code = 'closed';
}

/** The server refused the credentials or the TLS handshake failed: retrying will not help. */
export class BusAuthError extends BusError {
  override readonly name = 'BusAuthError';
  override readonly code = 'auth';
}

/** Invalid configuration of a bus (missing file, bad server URL, bad option). */
export class BusConfigError extends BusError {
  override readonly name = 'BusConfigError';
  override readonly code = 'config';
}

/** A subject, queue or consumer name breaks NATS naming rules; the message names it. */
export class InvalidSubjectError extends BusError {
  override readonly name = 'InvalidSubjectError';
  override readonly code = 'invalid_subject';
}

/** A header name or value cannot travel over NATS (empty name, ':', CR or LF). */
export class InvalidHeaderError extends BusError {
  override readonly name = 'InvalidHeaderError';
  override readonly code = 'invalid_header';
}

/** A ReplyStream was used after end() or error(). */
export class ReplyEndedError extends BusError {
  override readonly name = 'ReplyEndedError';
  override readonly code = 'reply_ended';
}

/**
 * Bytes could not be decoded (or a value could not be encoded); `offset` is the byte
 * position where decoding failed, -1 when not applicable.
 */
export class CodecError extends BusError {
  override readonly name = 'CodecError';
  override readonly code = 'codec_error';
  readonly offset: number;

  constructor(message: string, offset = -1, options?: ErrorOptions) {
    super(offset >= 0 ? `${message} (at byte ${offset})` : message, options);
    this.offset = offset;
  }
}

/** A streamed reply broke off: a chunk went missing or the responder's connection vanished. */
export class ReplyIncompleteError extends BusError {
  override readonly name = 'ReplyIncompleteError';
  override readonly code = 'reply_incomplete';
}
