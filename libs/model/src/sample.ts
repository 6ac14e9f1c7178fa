import type { Labels } from './labels.js';

/**
 * One sample of a series. A Prometheus staleness marker is a NaN with a special bit
 * pattern; JavaScript does not keep NaN payloads through ordinary arrays, so a marker
 * travels as `stale: true` (with `v` NaN) and becomes the bit pattern only in binary
 * encodings (see writeValue/readSample).
 */
export interface Sample {
  /** Milliseconds since the Unix epoch. */
  readonly t: number;
  readonly v: number;
  readonly stale?: true;
  /**
   * The start timestamp (Prometheus's "ST", milliseconds since the Unix epoch): when the
   * counter this sample belongs to started counting, e.g. OpenTelemetry's start time.
   * Absent when unknown; 0 means unknown too, as in Prometheus's storage. Only PromQL's
   * start-timestamp support reads it; the binary encodings here do not carry it.
   */
  readonly st?: number;
}

/** High and low 32-bit words of Prometheus's StaleNaN, 0x7ff0000000000002. */
const STALE_HI = 0x7ff00000;
const STALE_LO = 0x00000002;

/** A staleness marker at time `t`. */
export function staleMarker(t: number): Sample {
  return { t, v: Number.NaN, stale: true };
}

/** Writes a sample value as 8 little-endian bytes, staleness markers as StaleNaN's bits. */
export function writeValue(
  view: DataView,
  offset: number,
  sample: Pick<Sample, 'v' | 'stale'>,
): void {
  if (sample.stale) {
    view.setUint32(offset, STALE_LO, true);
    view.setUint32(offset + 4, STALE_HI, true);
  } else {
    view.setFloat64(offset, sample.v, true);
  }
}

/** Whether 8 little-endian bytes hold StaleNaN. */
export function isStaleBits(view: DataView, offset: number): boolean {
  return view.getUint32(offset, true) === STALE_LO && view.getUint32(offset + 4, true) === STALE_HI;
}

/** Reads the 8 bytes writeValue wrote back into a sample at time `t`. */
export function readSample(view: DataView, offset: number, t: number): Sample {
  return isStaleBits(view, offset) ? staleMarker(t) : { t, v: view.getFloat64(offset, true) };
}

/** A sample with its series, as scrapers and rules write it. */
export interface LabeledSample extends Sample {
  readonly labels: Labels;
}

/** One series and its samples in ascending time order, without duplicate timestamps. */
export interface Series {
  readonly labels: Labels;
  readonly samples: readonly Sample[];
}
