import { isScalar } from 'yaml';
import { describe } from '../yaml/cursor.js';
import type { Decoder } from '../yaml/decoders.js';
import { field } from '../yaml/object.js';
import { base2Bytes } from './byte-size.js';
import type { ScrapeLimits } from './types.js';

/** A YAML integer of at least 0 (Prometheus's `uint`); quoted numbers are refused, as in Go. */
export const uint: Decoder<number> = (at) => {
  const { node } = at;
  if (isScalar(node) && typeof node.value === 'number' && Number.isSafeInteger(node.value)) {
    if (node.value >= 0) return node.value;
  }
  const what = isScalar(node) && node.type !== 'PLAIN' ? 'a quoted string' : describe(node);
  return at.fail(`expected a non-negative integer, got ${what}`);
};

/** The limit fields `global` and every scrape config share; 0 means unset. */
export const LIMIT_FIELDS = {
  sampleLimit: field('sample_limit', uint, 0),
  labelLimit: field('label_limit', uint, 0),
  labelNameLengthLimit: field('label_name_length_limit', uint, 0),
  labelValueLengthLimit: field('label_value_length_limit', uint, 0),
  bodySizeLimit: field('body_size_limit', base2Bytes, 0),
  targetLimit: field('target_limit', uint, 0),
  keepDroppedTargets: field('keep_dropped_targets', uint, 0),
};

/** No limits at all: the global defaults. */
export const NO_LIMITS: Readonly<ScrapeLimits> = {
  sampleLimit: 0,
  labelLimit: 0,
  labelNameLengthLimit: 0,
  labelValueLengthLimit: 0,
  bodySizeLimit: 0,
  targetLimit: 0,
  keepDroppedTargets: 0,
};

/** The global limits as written (`raw` may hold other fields); a negative body size limit means none. */
export function globalLimits(raw: ScrapeLimits): ScrapeLimits {
  return scrapeLimits(raw, NO_LIMITS);
}

/**
 * A scrape config's limits (`own` may hold other fields): each one left at 0 takes the global
 * value, as in Prometheus. A negative body size limit is set, so the global one does not
 * apply, but limits nothing.
 */
export function scrapeLimits(own: ScrapeLimits, global: ScrapeLimits): ScrapeLimits {
  const inherit = (name: keyof ScrapeLimits) => own[name] || global[name];
  return {
    sampleLimit: inherit('sampleLimit'),
    labelLimit: inherit('labelLimit'),
    labelNameLengthLimit: inherit('labelNameLengthLimit'),
    labelValueLengthLimit: inherit('labelValueLengthLimit'),
    bodySizeLimit: Math.max(0, inherit('bodySizeLimit')),
    targetLimit: inherit('targetLimit'),
    keepDroppedTargets: inherit('keepDroppedTargets'),
  };
}
