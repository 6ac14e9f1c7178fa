import { performance } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import { jumpHash } from '@promethium/model';
import type { LabeledSample } from '@promethium/model';
import type { Bus } from '@promethium/bus';
import type { Appendable, Appender } from '@promethium/storage';
import { ShardSender } from './shard-sender.js';
import { writeMetrics } from './write-metrics.js';
import type { WriteMetrics } from './write-metrics.js';
import { writeLimits } from './write-options.js';
import type { ShardedWriteOptions, WriteLimits, WriteLogger } from './write-options.js';

/** The shard that owns a series: jump consistent hash of its label-set hash. */
export function shardOf(sample: LabeledSample, shards: number): number {
  return jumpHash(sample.labels.hash(), shards);
}

/**
 * Writes samples to storage shards over the bus: each sample goes to the shard its label
 * set hashes to, published durably per shard in commit order, batched across commits.
 *
 * Memory and waiting are bounded. Committed samples count against a buffer of
 * `bufferSamples`; what does not fit when committed is dropped at once. A failed publish
 * is retried until the samples have waited `maxRetryDurationMs`, then dropped. Drops are
 * counted in promethium_storage_write_samples_dropped_total{reason} (and logged) rather
 * than failing commit(): commit() resolves once each of its samples is stored or dropped.
 */
export class ShardedAppendable implements Appendable {
  private readonly limits: WriteLimits;
  private readonly metrics: WriteMetrics;
  private readonly logger: WriteLogger | undefined;
  private readonly senders: ShardSender[];
  private buffered = 0;
  private bufferFullReported = false;
  private closing: Promise<void> | undefined;

  constructor(
    bus: Bus,
    private readonly shards: number,
    opts: ShardedWriteOptions = {},
  ) {
    if (!Number.isInteger(shards) || shards < 1)
      throw new RangeError(`shards must be >= 1, got ${shards}`);
    this.limits = writeLimits(opts);
    this.metrics = writeMetrics(opts.registry ?? new Registry());
    this.logger = opts.logger;
    const ctx = {
      bus,
      limits: this.limits,
      metrics: this.metrics,
      logger: opts.logger,
      release: (samples: number) => this.release(samples),
    };
    this.senders = Array.from({ length: shards }, (_, shard) => new ShardSender(shard, ctx));
    this.metrics.capacity.inc(this.limits.bufferSamples);
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

  /**
   * Refuses further commits and resolves once every committed sample is stored or dropped:
   * within the retry budget plus one publish attempt. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= Promise.all(this.senders.map((s) => s.settled())).then(() => {
      this.metrics.capacity.dec(this.limits.bufferSamples);
    });
    return this.closing;
  }

  // Runs synchronously up to the first await, so the buffer is claimed when commit() is called.
  private async write(batch: readonly LabeledSample[]): Promise<void> {
    if (this.closing) throw new Error('ShardedAppendable: commit after close');
    const admitted = this.admit(batch);
    if (admitted.length === 0) return;
    const deadline = performance.now() + this.limits.maxRetryDurationMs;
    const perShard = new Map<number, LabeledSample[]>();
    for (const sample of admitted) {
      const shard = shardOf(sample, this.shards);
      let list = perShard.get(shard);
      if (!list) perShard.set(shard, (list = []));
      list.push(sample);
    }
    await Promise.all(
      [...perShard].map(([shard, samples]) => this.senders[shard]!.send(samples, deadline)),
    );
  }

  /** The part of `batch` the buffer has room for; the rest is dropped and counted now. */
  private admit(batch: readonly LabeledSample[]): readonly LabeledSample[] {
    const room = this.limits.bufferSamples - this.buffered;
    const admitted = batch.length <= room ? batch : batch.slice(0, room);
    const excess = batch.length - admitted.length;
    if (excess > 0) {
      this.metrics.dropped.inc({ reason: 'buffer_full' }, excess);
      // Once per spell of fullness: every commit would say the same.
      if (!this.bufferFullReported)
        this.logger?.warn(
          { capacity: this.limits.bufferSamples, samples: excess },
          'write buffer full: dropping samples until storage catches up',
        );
      this.bufferFullReported = true;
    }
    this.buffered += admitted.length;
    this.metrics.buffered.inc(admitted.length);
    return admitted;
  }

  private release(samples: number): void {
    this.buffered -= samples;
    this.metrics.buffered.dec(samples);
    this.bufferFullReported = false;
  }
}
