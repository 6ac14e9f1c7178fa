import { MessageTooLargeError, codecs, encodeSampleBatches } from '@promethium/bus';
import type { LabeledSample } from '@promethium/model';

/** Encoded write messages, and how many samples had to be left out of them. */
export interface EncodedBatches {
  readonly messages: Uint8Array[];
  readonly oversized: number;
}

/**
 * Encodes samples into sampleBatch messages of at most `maxBytes` each, in order. A series
 * whose labels with a single sample exceed `maxBytes` fits in no message: its samples are
 * left out (counted in `oversized`) so they cannot take the rest of the batch down with them.
 */
export function encodeWriteBatches(
  samples: readonly LabeledSample[],
  maxBytes: number,
): EncodedBatches {
  try {
    return { messages: encodeSampleBatches(samples, maxBytes), oversized: 0 };
  } catch (err) {
    if (!(err instanceof MessageTooLargeError)) throw err;
  }
  const fits = new Map<string, boolean>();
  const kept = samples.filter((sample) => {
    const key = sample.labels.key();
    let fit = fits.get(key);
    if (fit === undefined) fits.set(key, (fit = fitsAlone(sample, maxBytes)));
    return fit;
  });
  return {
    messages: encodeSampleBatches(kept, maxBytes),
    oversized: samples.length - kept.length,
  };
}

function fitsAlone(sample: LabeledSample, maxBytes: number): boolean {
  try {
    encodeSampleBatches([sample], maxBytes);
    return true;
  } catch (err) {
    if (err instanceof MessageTooLargeError) return false;
    throw err;
  }
}

/** How many samples an encoded write message holds (decoded: only for the rare drops). */
export function samplesIn(message: Uint8Array): number {
  return codecs.sampleBatch.decode(message).length;
}
