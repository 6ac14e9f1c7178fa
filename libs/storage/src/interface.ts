import type { LabeledSample, Matcher, Series } from '@promethium/model';

/**
 * Reads series over one closed time range [mint, maxt] (milliseconds).
 * A Querier may be used by one caller at a time; select calls may overlap.
 */
export interface Querier {
  /**
   * Series whose labels satisfy every matcher and that have at least one sample in
   * [mint, maxt], each with only those samples, yielded sorted by compareLabels.
   * Staleness markers are included (stale: true); the engine decides what they mean.
   */
  select(matchers: readonly Matcher[]): AsyncIterable<Series>;
}

/** Hands out Queriers; implemented by a local store and by the sharded fan-out alike. */
export interface Queryable {
  /** A querier over [mint, maxt], both inclusive, in milliseconds. */
  querier(mint: number, maxt: number): Querier;
}

/**
 * Collects samples and writes them on commit, all or nothing. Not safe for concurrent
 * use; take one Appender per scrape or rule evaluation.
 */
export interface Appender {
  /** Buffers one sample; nothing is visible to readers before commit. */
  append(sample: LabeledSample): void;
  /** Writes every buffered sample; resolves once the samples are durable. */
  commit(): Promise<void>;
  /** Drops every buffered sample. */
  rollback(): void;
}

/** Hands out Appenders. */
export interface Appendable {
  appender(): Appender;
}
