import type { Labels } from '@promethium/model';

/**
 * A chunk of one series' samples as a storage shard stores it. The bus carries the bytes
 * without reading them: only the store knows what `encoding` means.
 */
export interface WireChunk {
  /** The store's encoding number, 0-255. */
  readonly encoding: number;
  /** The first sample's time in ms. */
  readonly minT: number;
  /** The last sample's time in ms. */
  readonly maxT: number;
  readonly bytes: Uint8Array;
}

/** A series with chunks of its samples, in the order the store reads them. */
export interface ChunkedSeries {
  readonly labels: Labels;
  readonly chunks: readonly WireChunk[];
}
