import { readSample, writeValue } from '@promethium/model';
import type { Sample } from '@promethium/model';

/**
 * Sample values are stored as the 8 bytes writeValue produces: a REAL column would turn
 * NaN into NULL and lose the staleness marker's payload.
 */
export class ValueEncoder {
  readonly #bytes = new Uint8Array(8);
  readonly #view = new DataView(this.#bytes.buffer);

  /** The value's bytes in a scratch buffer, valid until the next call (SQLite copies on bind). */
  encode(sample: Pick<Sample, 'v' | 'stale'>): Uint8Array {
    writeValue(this.#view, 0, sample);
    return this.#bytes;
  }
}

/** Turns [t, value bytes] rows back into samples; throws a BUG error on a malformed value. */
export function decodeSamples(rows: readonly (readonly [number, Uint8Array])[]): Sample[] {
  const out = new Array<Sample>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [t, bytes] = rows[i]!;
    if (bytes.byteLength !== 8)
      throw new Error(`BUG: stored value at t=${t} has ${bytes.byteLength} bytes`);
    out[i] = readSample(new DataView(bytes.buffer, bytes.byteOffset, 8), 0, t);
  }
  return out;
}
