import { BusError, RemoteError } from '@promethium/bus';
import { StorageUnavailableError } from '@promethium/storage';

/** How reads from shards behave. */
export interface ShardReadOptions {
  /** Idle timeout of each shard request (default 30 s). */
  readonly timeoutMs?: number;
  /** Skip shards that cannot answer and report each as a warning (default false: fail). */
  readonly partialResponse?: boolean;
}

/** The default idle timeout of a shard request. */
export const DEFAULT_SHARD_TIMEOUT_MS = 30_000;

// Failures that say something about the request or the reply bytes, not the shard's health.
const NOT_UNAVAILABLE = new Set(['codec_error', 'message_too_large', 'invalid_subject']);

/**
 * Runs one shard read; a bus failure that means the shard could not answer (no
 * responders, timeout, disconnected bus, a remote failure other than a refused request)
 * becomes a StorageUnavailableError naming the shard. Anything else passes unchanged.
 */
export async function readShard<T>(shard: number, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw asShardFailure(shard, err);
  }
}

function asShardFailure(shard: number, err: unknown): unknown {
  if (!(err instanceof BusError) || NOT_UNAVAILABLE.has(err.code)) return err;
  // The shard understood the request and refused it: the query's fault, not the shard's.
  if (err instanceof RemoteError && err.code === 'bad_data') return err;
  return new StorageUnavailableError(`shard ${shard}`, err.message, { cause: err });
}
