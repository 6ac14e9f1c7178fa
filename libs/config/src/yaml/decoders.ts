import { isScalar } from 'yaml';
import { InvalidDurationError, parseDuration } from '@promethium/model';
import { Cursor, describe } from './cursor.js';
import { YamlSource } from './source.js';

/**
 * Turns the node under a cursor into a value or fails at it. An empty value (null) decodes
 * to the type's zero value, as in Go; object fields treat it as absent instead.
 */
export type Decoder<T> = (at: Cursor) => T;

/** The result of decoding a whole file. */
export interface DecodedFile<T> {
  readonly value: T;
  /** One formatted line per warning, e.g. for fields accepted but not supported. */
  readonly warnings: string[];
}

/**
 * Parses `text` as YAML and decodes its top node. Decoding stops at the first problem: one
 * ConfigError is thrown, for the first problem met in document order (cross-field checks of a
 * mapping run once all its fields are read). `file` is used in messages only.
 */
export function decodeYaml<T>(text: string, file: string, decoder: Decoder<T>): DecodedFile<T> {
  const src = new YamlSource(file, text);
  const value = decoder(new Cursor(src, src.root, ''));
  return { value, warnings: src.warnings };
}

/** A string; any scalar is taken as written (`1.0` stays "1.0"), as Go's yaml.v2 does. */
export const str: Decoder<string> = (at) => at.text();

/** A YAML boolean (`true`, `false`, and YAML 1.1's yes/no/on/off); quoted text is refused. */
export const bool: Decoder<boolean> = (at) => {
  if (at.isNull) return false;
  if (isScalar(at.node) && typeof at.node.value === 'boolean') return at.node.value;
  const what =
    isScalar(at.node) && at.node.type !== 'PLAIN' ? 'a quoted string' : describe(at.node);
  return at.fail(`expected a boolean, got ${what}`);
};

/** A Prometheus duration in milliseconds (see parseDuration). */
export const duration: Decoder<number> = (at) => {
  if (at.isNull) return 0;
  const text = str(at);
  try {
    return parseDuration(text);
  } catch (err) {
    if (err instanceof InvalidDurationError) at.fail(err.message);
    throw err;
  }
};

/** One of a fixed set of strings, compared exactly. */
export function oneOf<const V extends string>(values: readonly V[]): Decoder<V> {
  const allowed: readonly string[] = values;
  return (at) => {
    const text = str(at);
    if (allowed.includes(text)) return text as V;
    const list = values.map((v) => JSON.stringify(v)).join(', ');
    return at.fail(`must be one of ${list}; got ${JSON.stringify(text)}`);
  };
}

/** A sequence of items; null is the empty list. */
export function list<T>(item: Decoder<T>): Decoder<T[]> {
  return (at) => at.items().map(item);
}

/**
 * A mapping with free-form keys (labels, headers); null is the empty record. `key` returns a
 * reason when a key is not acceptable, reported at the key.
 */
export function record<T>(
  value: Decoder<T>,
  key?: (name: string) => string | undefined,
): Decoder<Record<string, T>> {
  return (at) => {
    const pairs = at.entries().map((entry): [string, T] => {
      const problem = key?.(entry.key);
      if (problem !== undefined) entry.keyAt.fail(problem);
      return [entry.key, value(entry.value)];
    });
    // fromEntries defines own properties, so a key like `__proto__` stays an ordinary key.
    return Object.fromEntries(pairs);
  };
}

/** Refuses an empty (null) value with `reason`, e.g. a `- ` entry in a list of sections. */
export function nonNull<T>(decoder: Decoder<T>, reason: string): Decoder<T> {
  return (at) => (at.isNull ? at.fail(reason) : decoder(at));
}

/** Adds a validation to a decoder: `validate` returns a reason to reject the value, reported at its node. */
export function check<T>(
  decoder: Decoder<T>,
  validate: (value: T) => string | undefined,
): Decoder<T> {
  return (at) => {
    const value = decoder(at);
    const problem = validate(value);
    if (problem !== undefined) at.fail(problem);
    return value;
  };
}
