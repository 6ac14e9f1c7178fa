import { BinaryFormatError, ByteReader, zigzag } from '@promethium/model';
import { CodecError } from '../errors.js';

/**
 * Reads a binary message in layout `format`: checks the input is bytes and the format
 * byte, then hands the reader (past the format byte) and the bytes to `read`. A BinaryFormatError becomes a CodecError naming
 * the offset; errors name the message kind `what`.
 */
export function readBinaryMessage<T>(
  data: Uint8Array,
  format: number,
  what: string,
  read: (r: ByteReader, data: Uint8Array) => T,
): T {
  if (!(data instanceof Uint8Array)) throw new CodecError(`${what}: input is not bytes`);
  try {
    const r = new ByteReader(data);
    const got = r.byte();
    if (got !== format)
      throw new CodecError(`${what}: format byte 0x${hex(got)}, expected 0x${hex(format)}`, 0);
    return read(r, data);
  } catch (err) {
    if (err instanceof BinaryFormatError)
      throw new CodecError(err.reason, err.offset, { cause: err });
    throw err;
  }
}

/** Zig-zag of a timestamp delta; CodecError when it is not an integer below 2^52. */
export function zigzagDelta(delta: number): number {
  try {
    return zigzag(delta);
  } catch (err) {
    if (err instanceof BinaryFormatError) throw new CodecError(err.reason, -1, { cause: err });
    throw err;
  }
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
