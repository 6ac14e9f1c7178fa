import type { Cursor } from './cursor.js';
import type { Decoder } from './decoders.js';

/** One field of an object schema: its YAML key, decoder, and what happens when it is absent. */
export interface Field<T> {
  readonly key: string;
  readonly decode: Decoder<T>;
  readonly required: boolean;
  /** Produces the value for an absent or empty field (not called for required fields). */
  readonly fallback: () => T;
}

/** A field that takes `fallback` (copied per use) when absent or empty. */
export function field<T>(key: string, decode: Decoder<T>, fallback: T): Field<T> {
  return { key, decode, required: false, fallback: () => structuredClone(fallback) };
}

/** A field that is undefined when absent or empty. */
export function optional<T>(key: string, decode: Decoder<T>): Field<T | undefined> {
  return { key, decode, required: false, fallback: () => undefined };
}

/** A field that must be present with a non-empty value. */
export function required<T>(key: string, decode: Decoder<T>): Field<T> {
  const fallback = (): T => {
    throw new Error(`BUG: fallback of required field ${key} called`);
  };
  return { key, decode, required: true, fallback };
}

/** Fields by the property name they decode into. */
export type Shape = Record<string, Field<unknown>>;

/** The value an object schema decodes to. */
export type Decoded<S extends Shape> = {
  -readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never;
};

/** Options of an object schema. */
export interface ObjectOptions<S extends Shape> {
  /** Keys accepted but not implemented: each occurrence is warned about and its value ignored. */
  readonly unsupported?: readonly string[];
  /** Cross-field validation; `at(name)` is the field's value cursor, or the mapping's when absent. */
  readonly check?: (value: Decoded<S>, at: (name: keyof S & string) => Cursor) => void;
}

/**
 * Decodes a mapping into an object: fields in document order, every key not in `shape` or
 * `unsupported` is an `unknown field` error; null decodes to all fallbacks.
 */
export function object<S extends Shape>(
  shape: S,
  options: ObjectOptions<S> = {},
): Decoder<Decoded<S>> {
  const nameOf = new Map(Object.entries(shape).map(([name, f]) => [f.key, name]));
  const unsupported = new Set(options.unsupported ?? []);
  return (at) => {
    const found = new Map<string, Cursor>();
    const out: Record<string, unknown> = {};
    for (const entry of at.entries()) {
      const name = nameOf.get(entry.key);
      if (name !== undefined) {
        found.set(name, entry.value);
        if (!entry.value.isNull) out[name] = shape[name]!.decode(entry.value);
      } else if (unsupported.has(entry.key)) {
        entry.keyAt.warn('not supported yet, ignored');
      } else {
        entry.keyAt.fail('unknown field');
      }
    }
    const fieldAt = (name: string): Cursor => found.get(name) ?? at.field(shape[name]!.key);
    for (const [name, f] of Object.entries(shape)) {
      if (Object.hasOwn(out, name)) continue;
      if (f.required)
        fieldAt(name).fail(found.has(name) ? 'required field is empty' : 'missing required field');
      out[name] = f.fallback();
    }
    const value = out as Decoded<S>;
    options.check?.(value, fieldAt);
    return value;
  };
}
