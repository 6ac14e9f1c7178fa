import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** A response body reached the scrape config's `body_size_limit`; Prometheus's message. */
export class BodySizeLimitError extends Error {
  override readonly name = 'BodySizeLimitError';

  constructor() {
    super('body size limit exceeded');
  }
}

/**
 * Reads a response body, gunzipping it when `gzip`. With a `limit` (bytes, 0 for none) the
 * read stops, closing the connection, as soon as the decoded body reaches the limit: like
 * Prometheus, a body exactly the limit's size fails too.
 */
export async function readBody(body: Readable, gzip: boolean, limit: number): Promise<string> {
  // An error in either stream ends the iteration below; the callback has nothing to add.
  const decoded = gzip ? pipeline(body, createGunzip(), () => undefined) : body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decoded as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Leaving the loop destroys the stream (and with it the pipeline).
    if (limit > 0 && size >= limit) throw new BodySizeLimitError();
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  if (!isUtf8(bytes)) throw new InvalidUtf8Error(bytes);
  return bytes.toString('utf8');
}

/**
 * A body that is not UTF-8. Decoding would turn the bad bytes into U+FFFD and store
 * label values the target never sent; Prometheus refuses them too.
 */
export class InvalidUtf8Error extends Error {
  override readonly name = 'InvalidUtf8Error';

  constructor(bytes: Buffer) {
    super(`invalid UTF-8 on line ${firstInvalidLine(bytes)}`);
  }
}

// A line feed byte is never part of a multi-byte sequence, so lines can be checked alone.
function firstInvalidLine(bytes: Buffer): number {
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const lf = bytes.indexOf(0x0a, start);
    const end = lf < 0 ? bytes.length : lf;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    start = end + 1;
  }
  return line;
}
