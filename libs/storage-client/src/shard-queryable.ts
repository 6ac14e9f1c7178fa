import type { Matcher } from '@promethium/model';
import type { Series } from '@promethium/model';
import { codecs, decodeSeriesChunks, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { FanoutQueryable } from '@promethium/storage';
import type { Querier, Queryable } from '@promethium/storage';

/** Reads one storage shard over the bus; any replica of the shard may answer. */
export class ShardQueryable implements Queryable {
  constructor(
    private readonly bus: Bus,
    private readonly shard: number,
    private readonly timeoutMs = 30_000,
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
    yield* decodeSeriesChunks(
      this.bus.request(subjects.select(this.shard), request, { timeoutMs: this.timeoutMs }),
    );
  }
}

/** A Queryable over every shard: each select fans out to all shards and merges the answers. */
export function shardedQueryable(bus: Bus, shards: number, timeoutMs?: number): Queryable {
  return new FanoutQueryable(
    Array.from({ length: shards }, (_, i) => new ShardQueryable(bus, i, timeoutMs)),
  );
}
