import type { InstantSample } from '../engine/result.js';
import { FunctionArgumentError } from './errors.js';
import { isValidLabelName } from './label-name.js';

/** The string arguments of `label_join(v, dst, separator, src...)`. */
export interface LabelJoinArgs {
  readonly dst: string;
  readonly separator: string;
  readonly src: readonly string[];
}

/**
 * Prepares `label_join` once per call, throwing FunctionArgumentError for an invalid
 * source or destination name (sources checked first, as Prometheus). The returned
 * function sets `dst` to the source values (absent ones as '') joined by the
 * separator, removing `dst` when the result is empty.
 */
export function labelJoiner(args: LabelJoinArgs): (sample: InstantSample) => InstantSample {
  for (const src of args.src) {
    if (!isValidLabelName(src)) {
      throw new FunctionArgumentError(`invalid source label name in label_join(): ${src}`);
    }
  }
  if (!isValidLabelName(args.dst)) {
    throw new FunctionArgumentError(`invalid destination label name in label_join(): ${args.dst}`);
  }
  return (sample) => {
    const value = args.src.map((src) => sample.labels.get(src)).join(args.separator);
    return { ...sample, labels: sample.labels.with(args.dst, value) };
  };
}

/** `label_join` over an instant vector; see labelJoiner for the rules and errors. */
export function labelJoin(samples: readonly InstantSample[], args: LabelJoinArgs): InstantSample[] {
  return samples.map(labelJoiner(args));
}
