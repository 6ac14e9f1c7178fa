/**
 * A store (a shard, a replica) that could not answer a read at all: not reachable, not
 * answering in time, or failing. `source` names the store; the message starts with it.
 * The sharded fan-out skips such a store under partial response and reports it as a warning.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  readonly code = 'unavailable';

  constructor(
    readonly source: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${source} unavailable: ${reason}`, options);
  }
}
