import { StorageUnavailableError } from './errors.js';

/** How a fan-out treats a member that is unavailable. */
export interface FanoutOptions {
  /**
   * When true, a member failing with StorageUnavailableError is left out of the answer
   * and reported as a warning; when false (default, as Prometheus) the read fails.
   */
  readonly partialResponse?: boolean;
}

/**
 * The warnings of one fan-out querier: at most one per unavailable member (the first
 * failure of each source), in the order they happened.
 */
export class PartialWarnings {
  readonly #bySource = new Map<string, string>();

  constructor(private readonly partialResponse: boolean) {}

  /**
   * Runs one member's read; under partial response an unavailable member yields
   * `empty` and a warning instead of failing the read.
   */
  async guard<T>(read: () => Promise<T>, empty: T): Promise<T> {
    try {
      return await read();
    } catch (err) {
      if (!this.partialResponse || !(err instanceof StorageUnavailableError)) throw err;
      if (!this.#bySource.has(err.source)) this.#bySource.set(err.source, err.message);
      return empty;
    }
  }

  /** The warnings so far, with those the members report themselves. */
  list(members: readonly { warnings?(): readonly string[] }[]): string[] {
    return [...this.#bySource.values(), ...members.flatMap((m) => m.warnings?.() ?? [])];
  }
}
