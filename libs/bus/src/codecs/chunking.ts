import type { Series } from '@promethium/model';
import { MessageTooLargeError } from '../errors.js';
import { ChunkWriter } from './chunk-writer.js';

/**
 * Encodes series in layout `format` into chunks of at most `maxBytes` each, in input
 * order. A series that does not fit in the rest of a chunk is split by samples: its
 * pieces are consecutive, in consecutive chunks, and carry the same labels. Throws
 * MessageTooLargeError when one series' labels with a single sample exceed maxBytes.
 */
export function encodeChunks(
  format: number,
  series: Iterable<Series>,
  maxBytes: number,
): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let w = new ChunkWriter(format, maxBytes);
  const cut = (): void => {
    chunks.push(w.finish());
    w = new ChunkWriter(format, maxBytes);
  };
  for (const s of series) {
    const first = s.samples[0];
    if (!w.openSeries(s.labels, first)) {
      if (!w.empty) cut();
      if (!w.openSeries(s.labels, first)) throw tooLarge(s, maxBytes);
    }
    for (let i = 1; i < s.samples.length; i++) {
      const sample = s.samples[i]!;
      if (w.addSample(sample)) continue;
      cut();
      if (!w.openSeries(s.labels, sample)) throw tooLarge(s, maxBytes);
    }
  }
  if (!w.empty) chunks.push(w.finish());
  return chunks;
}

/** Encodes every series into one chunk, however large. */
export function encodeOneChunk(format: number, series: Iterable<Series>): Uint8Array {
  return encodeChunks(format, series, Infinity)[0] ?? new ChunkWriter(format, Infinity).finish();
}

function tooLarge(s: Series, maxBytes: number): MessageTooLargeError {
  return new MessageTooLargeError(
    `series ${s.labels.toString()} with one sample does not fit in ${maxBytes} bytes`,
  );
}
