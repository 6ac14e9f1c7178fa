import type { Matcher } from '@promethium/model';
import { codecs, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import { FanoutIndexStats, FanoutLabelQueryable, mergeSortedUnique } from '@promethium/storage';
import { DEFAULT_SHARD_TIMEOUT_MS, readShard } from './shard-errors.js';
import type { ShardReadOptions } from './shard-errors.js';
import type {
  IndexStats,
  IndexStatsSource,
  LabelPairCount,
  LabelQuerier,
  LabelQueryable,
} from '@promethium/storage';

/**
 * Label queries and index statistics of one storage shard over the bus; any replica may
 * answer. A shard that cannot answer fails the call with StorageUnavailableError.
 */
export class ShardLabelQueryable implements LabelQueryable, IndexStatsSource {
  constructor(
    private readonly bus: Bus,
    private readonly shard: number,
    private readonly timeoutMs = DEFAULT_SHARD_TIMEOUT_MS,
  ) {}

  labelQuerier(mint: number, maxt: number): LabelQuerier {
    return {
      labelNames: (matchers) => this.strings(undefined, matchers ?? [], mint, maxt),
      labelValues: (name, matchers) => this.strings(name, matchers ?? [], mint, maxt),
    };
  }

  indexStats(): Promise<IndexStats> {
    return readShard(this.shard, () => this.readIndexStats());
  }

  private async readIndexStats(): Promise<IndexStats> {
    const reply = this.bus.request(subjects.tsdbStats(this.shard), new Uint8Array(), {
      timeoutMs: this.timeoutMs,
    });
    let head: { numSeries: number; minTime: number | null; maxTime: number | null } | undefined;
    const pairs: LabelPairCount[] = [];
    for await (const data of reply) {
      const chunk = codecs.indexStatsChunk.decode(data);
      head ??= chunk.head;
      for (const [name, value, series] of chunk.pairs) pairs.push({ name, value, series });
    }
    return {
      numSeries: head?.numSeries ?? 0,
      minTime: head?.minTime ?? Infinity,
      maxTime: head?.maxTime ?? -Infinity,
      pairs,
    };
  }

  private strings(
    name: string | undefined,
    matchers: readonly Matcher[],
    mint: number,
    maxt: number,
  ): Promise<string[]> {
    return readShard(this.shard, () => this.readStrings(name, matchers, mint, maxt));
  }

  private async readStrings(
    name: string | undefined,
    matchers: readonly Matcher[],
    mint: number,
    maxt: number,
  ): Promise<string[]> {
    const request = codecs.labelsRequest.encode({
      ...(name === undefined ? {} : { name }),
      matchers: matchers.map((m) => ({ type: m.type, name: m.name, value: m.value })),
      mint,
      maxt,
    });
    const chunks: string[][] = [];
    for await (const data of this.bus.request(subjects.labels(this.shard), request, {
      timeoutMs: this.timeoutMs,
    }))
      chunks.push(codecs.stringsChunk.decode(data));
    // Chunks arrive in order, each sorted; merging also guards against a misbehaving shard.
    return mergeSortedUnique(chunks);
  }
}

/**
 * Label queries over every shard, merged, sorted and deduplicated; `partialResponse`
 * skips unavailable shards with a warning each. Index statistics always need every shard.
 */
export function shardedLabelQueryable(
  bus: Bus,
  shards: number,
  options: ShardReadOptions = {},
): LabelQueryable & IndexStatsSource {
  const members = Array.from(
    { length: shards },
    (_, i) => new ShardLabelQueryable(bus, i, options.timeoutMs),
  );
  const labels = new FanoutLabelQueryable(members, {
    partialResponse: options.partialResponse ?? false,
  });
  const stats = new FanoutIndexStats(members);
  return {
    labelQuerier: (mint, maxt) => labels.labelQuerier(mint, maxt),
    indexStats: () => stats.indexStats(),
  };
}
