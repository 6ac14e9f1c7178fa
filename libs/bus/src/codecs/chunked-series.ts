import type { ByteReader, Labels } from '@promethium/model';
import { CodecError } from '../errors.js';
import { readBinaryMessage } from './binary-message.js';
import { ChunkedSeriesWriter } from './chunked-series-writer.js';
import { splitIntoMessages } from './chunking.js';
import type { Codec } from './codec.js';
import { readLabels, readStringTable } from './string-table.js';
import type { ChunkedSeries, WireChunk } from './wire-chunk.js';

/** Format byte of chunkedSeries version 1 (distinct from sampleBatch's and JSON's first bytes). */
export const CHUNKED_SERIES_V1 = 0x22;

// Smallest encodings: a series is a label count and a chunk count; a chunk header an
// encoding byte, a minT delta, a span and a length.
const MIN_SERIES_BYTES = 2;
const MIN_CHUNK_HEADER_BYTES = 4;

/**
 * Series with their encoded chunks (a select reply message) in the layout of
 * ChunkedSeriesWriter. Decoded chunk bytes are views into the message.
 */
export const chunkedSeriesCodec: Codec<ChunkedSeries[]> = {
  encode: (series) =>
    encodeChunkedSeries(series, Infinity).next().value ??
    new ChunkedSeriesWriter(CHUNKED_SERIES_V1, Infinity).finish(),
  decode: decodeMessage,
};

/**
 * Encodes series into chunkedSeries messages each <= maxBytes, lazily, in input order. A
 * series whose chunks do not fit in the rest of a message continues in the next with the
 * same labels (decodeChunkedSeries joins the pieces). Throws CodecError for a chunk with
 * an encoding that is not a byte or bounds that are not ascending integer times, and
 * MessageTooLargeError when one series' labels with one chunk exceed maxBytes.
 */
export function encodeChunkedSeries(
  series: Iterable<ChunkedSeries>,
  maxBytes: number,
): Generator<Uint8Array> {
  return splitIntoMessages(
    series,
    (s) => s.chunks,
    (max) => new ChunkedSeriesWriter(CHUNKED_SERIES_V1, max),
    maxBytes,
    'chunk',
  );
}

/**
 * Decodes a stream of chunkedSeries messages (a select reply) into series, joining the
 * consecutive pieces of a series that encodeChunkedSeries split; a series is yielded once
 * the next one starts or the stream ends. Throws CodecError for a malformed message.
 */
export async function* decodeChunkedSeries(
  messages: AsyncIterable<Uint8Array>,
): AsyncGenerator<ChunkedSeries> {
  let labels: Labels | undefined;
  let chunks: WireChunk[] = [];
  for await (const message of messages) {
    for (const s of decodeMessage(message)) {
      if (labels !== undefined && labels.equals(s.labels)) {
        for (const chunk of s.chunks) chunks.push(chunk);
        continue;
      }
      if (labels !== undefined) yield { labels, chunks };
      labels = s.labels;
      chunks = s.chunks;
    }
  }
  if (labels !== undefined) yield { labels, chunks };
}

interface DecodedSeries {
  labels: Labels;
  chunks: WireChunk[];
}

function decodeMessage(data: Uint8Array): DecodedSeries[] {
  return readBinaryMessage(data, CHUNKED_SERIES_V1, 'chunkedSeries', readMessage);
}

function readMessage(r: ByteReader, data: Uint8Array): DecodedSeries[] {
  const headerEnd = r.count(1, 'header length') + r.pos;
  const strings = readStringTable(r);
  const series: DecodedSeries[] = [];
  const chunkBytes = { at: headerEnd };
  let prevMinT = 0;
  for (let n = r.count(MIN_SERIES_BYTES, 'series count'); n > 0; n--) {
    const labels = readLabels(r, strings);
    const chunks: WireChunk[] = [];
    for (let k = r.count(MIN_CHUNK_HEADER_BYTES, 'chunk count'); k > 0; k--) {
      const chunk = readChunk(r, data, prevMinT, chunkBytes);
      chunks.push(chunk);
      prevMinT = chunk.minT;
    }
    series.push({ labels, chunks });
  }
  if (r.pos !== headerEnd)
    throw new CodecError(
      `the header ends here, not at byte ${headerEnd} as its length says`,
      r.pos,
    );
  if (chunkBytes.at !== data.length)
    throw new CodecError(`${data.length - chunkBytes.at} trailing bytes`, chunkBytes.at);
  return series;
}

/** Reads a chunk's header and takes its bytes from `chunkBytes.at`, moving that on. */
function readChunk(
  r: ByteReader,
  data: Uint8Array,
  prevMinT: number,
  chunkBytes: { at: number },
): WireChunk {
  const at = r.pos;
  const encoding = r.byte();
  const minT = prevMinT + r.zigzag();
  const maxT = minT + r.varint();
  if (!Number.isSafeInteger(minT) || !Number.isSafeInteger(maxT))
    throw new CodecError(`chunk times [${minT}, ${maxT}] are out of range`, at);
  const length = r.varint();
  const start = chunkBytes.at;
  if (start + length > data.length)
    throw new CodecError(`a chunk of ${length} bytes at byte ${start} runs past the end`, at);
  chunkBytes.at = start + length;
  return { encoding, minT, maxT, bytes: data.subarray(start, start + length) };
}
