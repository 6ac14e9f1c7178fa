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
  /**
   * What the selects so far could not answer in full but did not fail for (such as a
   * shard left out under partial response), one message each; read once every select
   * has been consumed. Absent means never any.
   */
  warnings?(): readonly string[];
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

/**
 * Reads the label index over one closed time range [mint, maxt] (milliseconds): a series
 * counts when its span from first to last sample overlaps the range (like Prometheus's
 * index, this does not look for a sample inside the range). Kept apart from Querier so stores can add it
 * without every Querier implementation changing at once. Calls may overlap.
 */
export interface LabelQuerier {
  /**
   * Every label name of the series matching all `matchers` (all series when none are
   * given), sorted ascending, without duplicates.
   */
  labelNames(matchers?: readonly Matcher[]): Promise<string[]>;
  /**
   * Every value label `name` takes in the series matching all `matchers` (all series when
   * none are given), sorted ascending, without duplicates; empty values are left out.
   */
  labelValues(name: string, matchers?: readonly Matcher[]): Promise<string[]>;
  /** As Querier.warnings: what the calls so far left out, read once they have resolved. */
  warnings?(): readonly string[];
}

/** Hands out LabelQueriers; implemented by a local store and by the sharded fan-out alike. */
export interface LabelQueryable {
  /** A label querier over [mint, maxt], both inclusive, in milliseconds. */
  labelQuerier(mint: number, maxt: number): LabelQuerier;
}

/** How many series of a store carry one label pair. */
export interface LabelPairCount {
  readonly name: string;
  readonly value: string;
  readonly series: number;
}

/**
 * Cardinality of a store's index, in counts that add up across disjoint stores
 * (shards): per-pair series counts, not derived figures such as distinct values.
 */
export interface IndexStats {
  readonly numSeries: number;
  /** Oldest and newest sample timestamps (ms); minTime > maxTime when the store is empty. */
  readonly minTime: number;
  readonly maxTime: number;
  /** Every label pair of the store with its series count, in no particular order. */
  readonly pairs: readonly LabelPairCount[];
}

/** A store that can summarise its index (`/api/v1/status/tsdb`). */
export interface IndexStatsSource {
  /** The current statistics of the whole store, all time. */
  indexStats(): Promise<IndexStats>;
}
