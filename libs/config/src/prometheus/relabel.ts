import { InvalidRelabelConfigError, newRelabelConfig } from '@promethium/relabel';
import type { RelabelConfig, RelabelConfigSpec } from '@promethium/relabel';
import { labelNameProblem } from '../labels.js';
import { check, list, nonNull, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { object, optional } from '../yaml/object.js';

// The YAML key of each field, for placing errors the relabel package reports by field.
const KEYS = {
  sourceLabels: 'source_labels',
  separator: 'separator',
  regex: 'regex',
  modulus: 'modulus',
  targetLabel: 'target_label',
  replacement: 'replacement',
  action: 'action',
} as const satisfies Record<keyof RelabelConfigSpec, string>;

// A uint64 in Prometheus; beyond 2^53 no modulus makes sense for sharding.
const modulus: Decoder<number> = (at) => {
  const text = str(at);
  const value = /^\+?[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value))
    at.fail(`expected a non-negative integer up to 2^53-1, got ${JSON.stringify(text)}`);
  return value;
};

const specShape = object({
  sourceLabels: optional(KEYS.sourceLabels, list(check(str, labelNameProblem))),
  separator: optional(KEYS.separator, str),
  regex: optional(KEYS.regex, str),
  modulus: optional(KEYS.modulus, modulus),
  targetLabel: optional(KEYS.targetLabel, str),
  replacement: optional(KEYS.replacement, str),
  action: optional(KEYS.action, str),
});

/** One relabeling rule, validated as Prometheus does; problems are reported at the field at fault. */
export const relabelConfig: Decoder<RelabelConfig> = (at) => {
  const spec: RelabelConfigSpec = specShape(at);
  try {
    return newRelabelConfig(spec);
  } catch (err) {
    if (!(err instanceof InvalidRelabelConfigError)) throw err;
    return at.field(KEYS[err.field]).fail(err.message);
  }
};

/** A list of relabeling rules; `kind` names them in the message for a null entry. */
export function relabelConfigs(kind: 'target' | 'metric'): Decoder<RelabelConfig[]> {
  return list(nonNull(relabelConfig, `empty or null ${kind} relabeling rule in scrape config`));
}
