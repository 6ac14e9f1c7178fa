import { jumpHash } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import { encodeSampleBatches, subjects } from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import type { Appendable, Appender } from '@promethium/storage';

/** The shard that owns a series: jump consistent hash of its label-set hash. */
export function shardOf(sample: LabeledSample, shards: number): number {
  return jumpHash(sample.labels.hash(), shards);
}

/**
 * Writes samples to storage shards over the bus: each sample goes to the shard its
 * label set hashes to, one durable batch per shard per commit.
 */
export class ShardedAppendable implements Appendable {
  constructor(
    private readonly bus: Bus,
    private readonly shards: number,
  ) {
    if (!Number.isInteger(shards) || shards < 1)
      throw new RangeError(`shards must be >= 1, got ${shards}`);
  }

  appender(): Appender {
    let pending: LabeledSample[] = [];
    return {
      append: (sample) => {
        pending.push(sample);
      },
      commit: async () => {
        const batch = pending;
        pending = [];
        await this.write(batch);
      },
      rollback: () => {
        pending = [];
      },
    };
  }

  private async write(batch: readonly LabeledSample[]): Promise<void> {
    const perShard = new Map<number, LabeledSample[]>();
    for (const sample of batch) {
      const shard = shardOf(sample, this.shards);
      let list = perShard.get(shard);
      if (!list) perShard.set(shard, (list = []));
      list.push(sample);
    }
    // A shard's batch is split to fit the bus's message size; each piece is durable on its own.
    await Promise.all(
      [...perShard].flatMap(([shard, samples]) =>
        encodeSampleBatches(samples, this.bus.maxMessageBytes).map((piece) =>
          this.bus.publishDurable(subjects.write(shard), piece),
        ),
      ),
    );
  }
}
