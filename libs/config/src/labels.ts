import { check, record, str } from './yaml/decoders.js';
import type { Decoder } from './yaml/decoders.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// With the `u` flag only an unpaired surrogate is a code point of category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why `name` is not a valid label name (`[a-zA-Z_][a-zA-Z0-9_]*`), or undefined when it is. */
export function labelNameProblem(name: string): string | undefined {
  return LABEL_NAME.test(name) ? undefined : `${JSON.stringify(name)} is not a valid label name`;
}

/** Why `value` is not a valid label value (any well-formed UTF-8), or undefined when it is. */
export function labelValueProblem(value: string): string | undefined {
  return LONE_SURROGATE.test(value)
    ? `${JSON.stringify(value)} is not a valid label value`
    : undefined;
}

/** A label set written as a mapping of name to value; an empty value is kept as ''. */
export const labelSet: Decoder<Record<string, string>> = record(
  check(str, labelValueProblem),
  labelNameProblem,
);
