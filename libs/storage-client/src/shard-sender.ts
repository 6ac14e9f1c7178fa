import { performance } from 'node:perf_hooks';
import {
  BusClosedError,
  InvalidSubjectError,
  MessageTooLargeError,
  subjects,
} from '@promethium/bus';
import type { Bus } from '@promethium/bus';
import type { LabeledSample } from '@promethium/model';
import { encodeWriteBatches, samplesIn } from './write-batches.js';
import type { DropReason, WriteMetrics } from './write-metrics.js';
import type { WriteLimits, WriteLogger } from './write-options.js';

/** What the shard senders of one writer share. */
export interface SendContext {
  readonly bus: Bus;
  readonly limits: WriteLimits;
  readonly metrics: WriteMetrics;
  readonly logger: WriteLogger | undefined;
  /** Frees the buffer room of samples that are now stored or dropped. */
  release(samples: number): void;
}

interface Handover {
  readonly samples: readonly LabeledSample[];
  /** performance.now() past which these samples are not sent any more. */
  readonly deadline: number;
  readonly settle: () => void;
}

interface Failure {
  readonly reason: DropReason;
  readonly err: unknown;
}

/**
 * Publishes one shard's committed samples durably, one batch at a time so they reach the
 * shard in commit order. A batch is everything queued while the previous one was being
 * sent; each commit of it is encoded on its own (a scrape's commit repeats the series of
 * the one before, which encodeSampleBatches makes cheap), split into messages under the
 * bus's size limit. A failed publish is retried with
 * capped exponential backoff until the deadline of the batch's oldest samples.
 */
export class ShardSender {
  private readonly subject: string;
  private queue: Handover[] = [];
  private sending = false;
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly shard: number,
    private readonly ctx: SendContext,
  ) {
    this.subject = subjects.write(shard);
  }

  /** Queues samples; resolves once they are stored or dropped and counted. */
  send(samples: readonly LabeledSample[], deadline: number): Promise<void> {
    this.last = new Promise((settle) => this.queue.push({ samples, deadline, settle }));
    if (!this.sending) void this.drain();
    return this.last;
  }

  /** Resolves once every sample queued so far is stored or dropped (batches settle in order). */
  settled(): Promise<void> {
    return this.last;
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      await this.sendBatch(batch);
    }
    this.sending = false;
  }

  private async sendBatch(batch: readonly Handover[]): Promise<void> {
    const deadline = batch[0]!.deadline;
    const total = batch.reduce((n, h) => n + h.samples.length, 0);
    const drops = new Map<DropReason, { samples: number; err: unknown }>();
    const drop = (n: number, { reason, err }: Failure): void => {
      // The first error of a reason is kept: later messages often fail only for lack of time.
      const seen = drops.get(reason);
      if (n > 0) drops.set(reason, { samples: (seen?.samples ?? 0) + n, err: seen?.err ?? err });
    };
    try {
      for (const { samples } of batch) await this.publish(samples, deadline, drop);
    } finally {
      this.account(total, drops);
      this.ctx.release(total);
      for (const h of batch) h.settle();
    }
  }

  private async publish(
    samples: readonly LabeledSample[],
    deadline: number,
    drop: (n: number, failure: Failure) => void,
  ): Promise<void> {
    let encoded;
    try {
      encoded = encodeWriteBatches(samples, this.ctx.bus.maxMessageBytes);
    } catch (err) {
      drop(samples.length, { reason: 'unretryable', err });
      return;
    }
    drop(encoded.oversized, {
      reason: 'unretryable',
      err: new MessageTooLargeError(
        `a series does not fit in ${this.ctx.bus.maxMessageBytes} bytes with one sample`,
      ),
    });
    for (const message of encoded.messages) {
      const failure = await this.publishWithRetries(message, deadline);
      if (failure) drop(samplesIn(message), failure);
    }
  }

  /** Undefined once stored; else why the message was given up. */
  private async publishWithRetries(
    message: Uint8Array,
    deadline: number,
  ): Promise<Failure | undefined> {
    const { bus, limits, metrics } = this.ctx;
    let failure: Failure = {
      reason: 'retries_exhausted',
      err: new Error('retry budget used up before the message could be sent'),
    };
    let backoff = limits.minBackoffMs;
    for (let attempt = 0; performance.now() < deadline; attempt++) {
      if (attempt > 0) metrics.retries.inc();
      const observe = metrics.publishDuration.startTimer();
      try {
        await bus.publishDurable(this.subject, message);
        return undefined;
      } catch (err) {
        if (!retryable(err)) return { reason: 'unretryable', err };
        failure = { reason: 'retries_exhausted', err };
      } finally {
        observe();
      }
      // No attempt starts past the deadline, so commit() waits at most the budget plus one.
      if (performance.now() + backoff >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, limits.maxBackoffMs);
    }
    return failure;
  }

  private account(
    total: number,
    drops: ReadonlyMap<DropReason, { samples: number; err: unknown }>,
  ): void {
    let dropped = 0;
    for (const [reason, { samples, err }] of drops) {
      dropped += samples;
      this.ctx.metrics.dropped.inc({ reason }, samples);
      this.ctx.logger?.warn(
        { shard: this.shard, reason, samples, err: errorText(err) },
        'dropping samples that could not be written to storage',
      );
    }
    this.ctx.metrics.stored.inc(total - dropped);
  }
}

// Anything else (not connected, no PubAck in time, a JetStream error) may pass.
function retryable(err: unknown): boolean {
  return !(
    err instanceof BusClosedError ||
    err instanceof MessageTooLargeError ||
    err instanceof InvalidSubjectError
  );
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
