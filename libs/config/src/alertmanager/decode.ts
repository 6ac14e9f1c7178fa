import { isMap, isScalar, isSeq } from 'yaml';
import type { Cursor } from '../yaml/cursor.js';
import type { Decoder } from '../yaml/decoders.js';
import { object } from '../yaml/object.js';
import type { Decoded, ObjectOptions, Shape } from '../yaml/object.js';
import { parseGoDuration } from './go.js';

/**
 * An object decoder with Go's treatment of an explicit null: Alertmanager fills a struct with
 * its defaults and then lets yaml.v2 overwrite them, and yaml.v2 writes the zero value for
 * `key:` (no value). Fields named in `zeros` take that zero value when written empty; absent
 * fields keep their fallback.
 */
export function goObject<S extends Shape>(
  shape: S,
  zeros: Partial<Decoded<S>>,
  options: ObjectOptions<S> = {},
): Decoder<Decoded<S>> {
  const decode = object(shape, options);
  const names = Object.keys(zeros);
  return (at) => {
    const value: Record<string, unknown> = decode(at);
    for (const name of names) {
      if (at.lookup(shape[name]!.key)?.isNull) value[name] = zeros[name];
    }
    return value as Decoded<S>;
  };
}

/** A copy of `value` without the properties `keys`. */
export function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const dropped: readonly PropertyKey[] = keys;
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !dropped.includes(key)),
  ) as Omit<T, K>;
}

/** The YAML tag yaml.v2 names in its type errors. */
function tagOf(at: Cursor): string {
  if (isMap(at.node)) return '!!map';
  if (isSeq(at.node)) return '!!seq';
  const { value } = at.node;
  if (typeof value === 'boolean') return '!!bool';
  if (typeof value === 'number') return Number.isInteger(value) ? '!!int' : '!!float';
  return '!!str';
}

function cannotUnmarshal(at: Cursor, into: string): never {
  const text = isScalar(at.node) ? at.text() : '';
  const shown = text === '' ? '' : ` \`${text}\``;
  return at.fail(`cannot unmarshal ${tagOf(at)}${shown} into ${into}`);
}

/** A plain YAML number as a Go integer field reads it: floats are truncated, text is refused. */
function plainNumber(at: Cursor, into: string): number {
  const value = isScalar(at.node) ? at.node.value : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return cannotUnmarshal(at, into);
  return Math.trunc(value);
}

/** A Go int64 field (e.g. Telegram's chat_id). */
export const int64: Decoder<number> = (at) => plainNumber(at, 'int64');

/** A Go uint64 field (e.g. a webhook's max_alerts): negative numbers are refused. */
export const uint64: Decoder<number> = (at) => {
  const value = plainNumber(at, 'uint64');
  return value < 0 ? cannotUnmarshal(at, 'uint64') : value;
};

/**
 * A Go time.Duration field in milliseconds: text in Go's syntax (`10s`, `1m30s`, `500ms`);
 * a plain integer is nanoseconds, as yaml.v2 reads it.
 */
export const goDuration: Decoder<number> = (at) => {
  if (isScalar(at.node) && typeof at.node.value === 'number') {
    return plainNumber(at, 'time.Duration') / 1e6;
  }
  const text = isScalar(at.node) ? at.text() : '';
  return parseGoDuration(text) ?? cannotUnmarshal(at, 'time.Duration');
};

/** Any YAML value as plain data (a Go `any` field such as a webhook payload). */
export const anyValue: Decoder<unknown> = (at) => {
  if (isMap(at.node)) {
    return Object.fromEntries(at.entries().map((e) => [e.key, anyValue(e.value)]));
  }
  if (isSeq(at.node)) return at.items().map(anyValue);
  const { value } = at.node;
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  return at.text();
};
