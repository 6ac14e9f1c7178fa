import { CodecError } from '../errors.js';

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** JSON as UTF-8 bytes; throws CodecError for a value JSON cannot represent faithfully. */
export function encodeJson(value: unknown, what: string): Uint8Array {
  try {
    return utf8Encoder.encode(JSON.stringify(value));
  } catch (err) {
    throw new CodecError(`${what}: cannot encode as JSON: ${(err as Error).message}`, -1, {
      cause: err,
    });
  }
}

/** Parses UTF-8 JSON; throws CodecError for invalid UTF-8 or JSON. */
export function decodeJson(data: Uint8Array, what: string): unknown {
  if (!(data instanceof Uint8Array)) throw new CodecError(`${what}: input is not bytes`);
  let text: string;
  try {
    text = utf8Decoder.decode(data);
  } catch (err) {
    throw new CodecError(`${what}: invalid UTF-8`, -1, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CodecError(`${what}: invalid JSON: ${(err as Error).message}`, -1, { cause: err });
  }
}

function fail(path: string, expected: string, got: unknown): never {
  const kind = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
  throw new CodecError(`${path}: expected ${expected}, got ${kind}`);
}

/** `v` as a plain object, else CodecError naming `path`. */
export function asObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  return v as Record<string, unknown>;
}

/** `v` as an array, else CodecError naming `path`. */
export function asArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'an array', v);
  return v;
}

/** `v` as a string, else CodecError naming `path`. */
export function asString(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v;
}

/** `v` as a finite number, else CodecError naming `path`. */
export function asFiniteNumber(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'a finite number', v);
  return v;
}

/** `v` as an object whose values are all strings, else CodecError naming the bad entry. */
export function asStringRecord(v: unknown, path: string): Record<string, string> {
  const obj = asObject(v, path);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(obj))
    out[k] = asString(value, `${path}[${JSON.stringify(k)}]`);
  return out;
}
