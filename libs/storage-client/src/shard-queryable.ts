import type { Matcher } from '@promethium/model';
import type { Series } from '@promethium/model';
import { codecs, decodeChunkedSeries, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { FanoutQueryable } from '@promethium/storage';
import type { Querier, Queryable } from '@promethium/storage';
import { chunksToSamples } from '@promethium/tsdb';
import { DEFAULT_SHARD_TIMEOUT_MS, readShard } from './shard-errors.js';
import type { ShardReadOptions } from './shard-errors.js';

/**
 * Reads one storage shard over the bus; any replica of the shard may answer. The shard
 * sends its stored chunks (codecs.chunkedSeries), decoded here into the samples in
 * [mint, maxt] as libs/tsdb's own select would give them. A shard that cannot answer
 * fails the select with StorageUnavailableError ("shard <n> unavailable: …").
 */
export class ShardQueryable implements Queryable {
  constructor(
    private readonly bus: Bus,
    private readonly shard: number,
    private readonly timeoutMs = DEFAULT_SHARD_TIMEOUT_MS,
  ) {}

  querier(mint: number, maxt: number): Querier {
    return { select: (matchers) => this.select(matchers, mint, maxt) };
  }

  private async *select(
    matchers: readonly Matcher[],
    mint: number,
    maxt: number,
  ): AsyncIterable<Series> {
    const request = codecs.selectRequest.encode({
      matchers: matchers.map((m) => ({ type: m.type, name: m.name, value: m.value })),
      mint,
      maxt,
    });
    const reply = decodeChunkedSeries(
      this.bus.request(subjects.select(this.shard), request, { timeoutMs: this.timeoutMs }),
    )[Symbol.asyncIterator]();
    try {
      for (;;) {
        const step = await readShard(this.shard, () => reply.next());
        if (step.done) return;
        // Decoded here, one series at a time, as the query engine asks for the next.
        const samples = chunksToSamples(step.value.chunks, mint, maxt);
        if (samples.length > 0) yield { labels: step.value.labels, samples };
      }
    } finally {
      await reply.return?.(undefined);
    }
  }
}

/**
 * A Queryable over every shard: each select fans out to all shards and merges the
 * answers; `partialResponse` skips unavailable shards with a warning each.
 */
export function shardedQueryable(
  bus: Bus,
  shards: number,
  options: ShardReadOptions = {},
): Queryable {
  return new FanoutQueryable(
    Array.from({ length: shards }, (_, i) => new ShardQueryable(bus, i, options.timeoutMs)),
    { partialResponse: options.partialResponse ?? false },
  );
}
