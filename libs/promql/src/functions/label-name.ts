// In a `u` regex a surrogate class matches only unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Whether `name` is a label name Prometheus 3 accepts (UTF-8 validation): any non-empty
 * string without unpaired surrogates, i.e. one that encodes to valid UTF-8.
 */
export function isValidLabelName(name: string): boolean {
  return name.length > 0 && !LONE_SURROGATE.test(name);
}
