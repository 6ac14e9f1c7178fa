import type { Registry } from 'prom-client';

/**
 * Samples committed but not yet stored or dropped, across all shards. Prometheus's remote
 * write holds at most 10,000 samples per shard × 50 shards by default; the same 500,000
 * here is roughly 30 MB of queued samples (their label sets are shared with the scrape
 * loops' caches, so the buffer costs the sample objects only).
 */
export const DEFAULT_WRITE_BUFFER_SAMPLES = 500_000;

/**
 * How long a committed sample may wait to be stored, retries included. Long enough to ride
 * out a nats-server restart or a JetStream leader election; short enough that a commit
 * (and so a scrape loop) is not held for longer than a typical scrape interval or two.
 */
export const DEFAULT_WRITE_MAX_RETRY_DURATION_MS = 30_000;

const DEFAULT_MIN_BACKOFF_MS = 100;
const DEFAULT_MAX_BACKOFF_MS = 5_000;

/** Where ShardedAppendable reports dropped samples; a pino Logger fits. */
export interface WriteLogger {
  warn(fields: Record<string, unknown>, msg: string): void;
}

/** How ShardedAppendable buffers and retries; every field has a default. */
export interface ShardedWriteOptions {
  /** Registry of the write metrics; by default one of its own that nobody exposes. */
  registry?: Registry;
  /** Told about dropped samples; by default nobody (the metrics count them all the same). */
  logger?: WriteLogger;
  /** Most samples committed but not yet stored or dropped; default DEFAULT_WRITE_BUFFER_SAMPLES. */
  bufferSamples?: number;
  /**
   * Longest a committed sample waits to be stored, in ms, retries included; after that it
   * is dropped. Also bounds how long commit() and close() wait (plus one publish attempt).
   */
  maxRetryDurationMs?: number;
  /** Delay before the first retry of a publish, doubled for each further one. Default 100 ms. */
  minBackoffMs?: number;
  /** Longest delay between two retries. Default 5 s. */
  maxBackoffMs?: number;
}

/** ShardedWriteOptions with the defaults filled in and the limits checked. */
export interface WriteLimits {
  readonly bufferSamples: number;
  readonly maxRetryDurationMs: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
}

/** The limits of `opts`; throws RangeError for a value that is not positive. */
export function writeLimits(opts: ShardedWriteOptions): WriteLimits {
  const limits = {
    bufferSamples: opts.bufferSamples ?? DEFAULT_WRITE_BUFFER_SAMPLES,
    maxRetryDurationMs: opts.maxRetryDurationMs ?? DEFAULT_WRITE_MAX_RETRY_DURATION_MS,
    minBackoffMs: opts.minBackoffMs ?? DEFAULT_MIN_BACKOFF_MS,
    maxBackoffMs: opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
  };
  if (!Number.isSafeInteger(limits.bufferSamples) || limits.bufferSamples < 1)
    throw new RangeError(`bufferSamples must be a positive integer, got ${limits.bufferSamples}`);
  for (const name of ['maxRetryDurationMs', 'minBackoffMs', 'maxBackoffMs'] as const) {
    if (!(limits[name] > 0) || !Number.isFinite(limits[name]))
      throw new RangeError(`${name} must be a positive number of ms, got ${limits[name]}`);
  }
  if (limits.maxBackoffMs < limits.minBackoffMs)
    throw new RangeError(
      `maxBackoffMs (${limits.maxBackoffMs}) must not be below minBackoffMs (${limits.minBackoffMs})`,
    );
  return limits;
}
