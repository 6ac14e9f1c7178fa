import type { InstantSample } from '../engine/result.js';
import { FunctionArgumentError } from './errors.js';
import { isValidLabelName } from './label-name.js';
import { expandTemplate, type RegexMatch } from './regex-expand.js';

/** A compiled regular expression; both RE2's and RegExp's `exec` fit. */
export interface CaptureRegex {
  exec(input: string): RegexMatch | null;
}

/**
 * Compiles `source` with `.` matching newlines (flag `s`), throwing on a pattern it
 * rejects. The engine passes RE2 (`(s) => new RE2(s, 's')`) so no pattern can take
 * exponential time.
 */
export type RegexCompiler = (source: string) => CaptureRegex;

/** The string arguments of `label_replace(v, dst, replacement, src, regex)`. */
export interface LabelReplaceArgs {
  readonly dst: string;
  readonly replacement: string;
  readonly src: string;
  readonly regex: string;
}

/**
 * Prepares `label_replace` once per call: validates the regex (fully anchored) and the
 * destination name, throwing FunctionArgumentError with Prometheus's messages. The
 * returned function rewrites one sample's labels: where the regex matches the source
 * value, `dst` is set to the expanded replacement (removed when that is empty); other
 * samples are returned unchanged.
 */
export function labelReplacer(
  args: LabelReplaceArgs,
  compile: RegexCompiler,
): (sample: InstantSample) => InstantSample {
  let regex: CaptureRegex;
  try {
    regex = compile(`^(?:${args.regex})$`);
  } catch (err) {
    throw new FunctionArgumentError(
      `invalid regular expression in label_replace(): ${args.regex}`,
      { cause: err },
    );
  }
  if (!isValidLabelName(args.dst)) {
    throw new FunctionArgumentError(
      `invalid destination label name in label_replace(): ${args.dst}`,
    );
  }
  return (sample) => {
    const match = regex.exec(sample.labels.get(args.src));
    if (match === null) return sample;
    const value = expandTemplate(args.replacement, match);
    return { ...sample, labels: sample.labels.with(args.dst, value) };
  };
}

/** `label_replace` over an instant vector; see labelReplacer for the rules and errors. */
export function labelReplace(
  samples: readonly InstantSample[],
  args: LabelReplaceArgs,
  compile: RegexCompiler,
): InstantSample[] {
  return samples.map(labelReplacer(args, compile));
}
