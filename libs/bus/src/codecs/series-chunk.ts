import type { Sample, Series } from '@promethium/model';
import type { Codec } from './codec.js';
import { readChunk } from './chunk-reader.js';
import { encodeChunks, encodeOneChunk } from './chunking.js';

/** Format byte of seriesChunk version 1 (distinct from sampleBatch's, so a mix-up fails). */
export const SERIES_CHUNK_V1 = 0x21;

/** Series (a select reply chunk) in the binary layout of chunk-writer.ts. */
export const seriesChunkCodec: Codec<Series[]> = {
  encode: (series) => encodeOneChunk(SERIES_CHUNK_V1, series),
  decode: (data) => readChunk(data, SERIES_CHUNK_V1, 'seriesChunk'),
};

/**
 * Splits series into encoded seriesChunk messages each <= maxBytes; a single huge series
 * is split across chunks by samples (decodeSeriesChunks joins the pieces again).
 */
export function encodeSeriesChunks(series: Iterable<Series>, maxBytes: number): Uint8Array[] {
  return encodeChunks(SERIES_CHUNK_V1, series, maxBytes);
}

/**
 * Decodes a stream of seriesChunk messages (e.g. a select reply) back into series,
 * joining the consecutive pieces of a series that encodeSeriesChunks split.
 */
export async function* decodeSeriesChunks(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<Series> {
  let labels: Series['labels'] | undefined;
  let samples: Sample[] = [];
  for await (const chunk of chunks) {
    for (const s of seriesChunkCodec.decode(chunk)) {
      if (labels !== undefined && labels.equals(s.labels)) {
        for (const sample of s.samples) samples.push(sample);
        continue;
      }
      if (labels !== undefined) yield { labels, samples };
      labels = s.labels;
      samples = [...s.samples];
    }
  }
  if (labels !== undefined) yield { labels, samples };
}
