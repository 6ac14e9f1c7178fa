import { Matcher } from '@promethium/model';
import { codecs, encodeChunkedSeries } from '@promethium/bus';
import type { BusMsg, ChunkedSeries, ReplyStream } from '@promethium/bus';

/** What answering a select needs from a store (a Tsdb). */
export interface ChunkSelectable {
  /** Matching series with their chunks overlapping [mint, maxt], sorted by labels. */
  selectChunks(matchers: readonly Matcher[], mint: number, maxt: number): Iterable<ChunkedSeries>;
}

/**
 * Answers a select request (codecs.selectRequest) with the matching series' encoded
 * chunks in chunkedSeries messages of at most `maxMessageBytes`, read from the store as
 * they are sent; a request that does not decode gets a `bad_data` error.
 */
export async function answerSelect(
  store: ChunkSelectable,
  req: BusMsg,
  reply: ReplyStream,
  maxMessageBytes: number,
): Promise<void> {
  let matchers: Matcher[];
  let request;
  try {
    request = codecs.selectRequest.decode(req.data);
    matchers = request.matchers.map((m) => new Matcher(m.type, m.name, m.value));
  } catch (err) {
    await reply.error('bad_data', (err as Error).message);
    return;
  }
  const series = store.selectChunks(matchers, request.mint, request.maxt);
  for (const message of encodeChunkedSeries(series, maxMessageBytes)) await reply.write(message);
  await reply.end();
}
