import { MessageTooLargeError } from './errors.js';

/** Throws MessageTooLargeError when `data` exceeds `maxBytes`; `what` names the operation. */
export function checkPayload(data: Uint8Array, maxBytes: number, what: string): void {
  if (!(data instanceof Uint8Array)) throw new TypeError(`${what}: data must be a Uint8Array`);
  if (data.length > maxBytes)
    throw new MessageTooLargeError(
      `${what}: payload of ${data.length} bytes exceeds maxMessageBytes ${maxBytes}`,
    );
}
