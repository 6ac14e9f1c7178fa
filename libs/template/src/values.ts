// How plain JS values look to Go's template semantics.
//
//   undefined            Go's invalid value (a missing map key): prints "<no value>"
//   null                 nil
//   boolean, string      bool, string
//   number               float64 (prints as Go's %v does: 1e+06, 0.1, 3)
//   bigint               int (integer literals, len, range indexes)
//   arrays, Sets         slices
//   Maps, plain objects  maps with string keys, visited in sorted key order
//   class instances      structs: own and inherited properties are fields, missing ones are
//                        errors; functions on the class prototype are methods
//   Date, GoTime         time.Time; GoDuration is time.Duration
//   SafeHtml, SafeUrl    html/template's HTML and URL string types
//   functions            func values: printable only through `call`
import { TemplateArgumentError } from './errors.js';
import { GoDuration, GoNamedInt, GoTime } from './time.js';

// Local names for the builtins on hot paths: jest runs this code in a VM context, where every
// global lookup is slow.
const { getPrototypeOf, getOwnPropertyDescriptor } = Object;
const { isArray } = Array;

/** html/template's HTML: trusted markup that HTML mode prints without escaping. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** html/template's URL: a trusted URL that HTML mode does not filter for unsafe schemes. */
export class SafeUrl {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type Kind =
  'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'slice' | 'map' | 'struct' | 'func';

/** Go's reflect kind of a value under the mapping above. */
export function kindOf(v: unknown): Kind {
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func';
    case 'object':
      return objectKind(v);
    default:
      return 'struct';
  }
}

function objectKind(v: object | null): Kind {
  return v === null ? 'nil' : typeOf(v).kind;
}

function computeKind(v: object): Kind {
  if (isArray(v) || v instanceof Set) return 'slice';
  if (v instanceof Map || isRecord(v)) return 'map';
  if (v instanceof SafeHtml || v instanceof SafeUrl) return 'string';
  if (v instanceof GoDuration || v instanceof GoNamedInt) return 'int';
  return 'struct';
}

/** A plain object (literal or Object.create(null)): a map, not a struct. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The integer of an int-kind value: a bigint, a Duration's nanoseconds, a Month's number. */
export function intValue(v: bigint | GoDuration | GoNamedInt): bigint {
  if (typeof v === 'bigint') return v;
  return v instanceof GoDuration ? v.ns : v.value;
}

/** The string inside a string-kind value. */
export function stringValue(v: string | SafeHtml | SafeUrl): string {
  return typeof v === 'string' ? v : v.value;
}

/** Go's name for the type of a value, as error messages and %T print it. */
export function typeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'float':
      return 'float64';
    case 'func':
      return 'func';
    case 'string':
      if (v instanceof SafeHtml) return 'template.HTML';
      return v instanceof SafeUrl ? 'template.URL' : 'string';
    case 'int':
      if (v instanceof GoDuration) return 'time.Duration';
      return v instanceof GoNamedInt ? v.typeName : 'int';
    default:
      return objectTypeName(v as object);
  }
}

function objectTypeName(v: object): string {
  if (v instanceof Date || v instanceof GoTime) return 'time.Time';
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  const custom = ctor !== Array && ctor !== Map && ctor !== Set && ctor !== Object;
  if (custom && typeof ctor?.name === 'string' && ctor.name !== '') return ctor.name;
  if (isArray(v) || v instanceof Set) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's truth: false for the zero value of a type (empty, 0, nil, no value), true otherwise. */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'undefined':
      return false;
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'function':
      return true;
    case 'object':
      return objectTruth(v);
    default:
      return true;
  }
}

function objectTruth(v: object | null): boolean {
  if (v === null) return false;
  if (isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (v instanceof SafeHtml || v instanceof SafeUrl) return v.value.length > 0;
  if (v instanceof GoDuration) return v.ns !== 0n;
  if (v instanceof GoNamedInt) return v.value !== 0n;
  if (isRecord(v)) {
    for (const _ in v) return true;
    return false;
  }
  return true;
}

/** Go's len: bytes of a string, elements of a slice or map; undefined when the type has none. */
export function lengthOf(v: unknown): number | undefined {
  if (typeof v === 'string') return utf8Length(v);
  if (typeof v !== 'object' || v === null) return undefined;
  if (isArray(v)) return v.length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (v instanceof SafeHtml || v instanceof SafeUrl) return utf8Length(v.value);
  if (isRecord(v)) return Object.keys(v).length;
  return undefined;
}

export function utf8Length(s: string): number {
  // ASCII strings, the common case, need no encoding.
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s, 'utf8');
  }
  return s.length;
}

/** Compares strings by code point, the order of their UTF-8 bytes as Go sorts them. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates encode code points above every other UTF-16 unit.
    if (x >= 0xd800 && y >= 0xd800) return surrogateRank(x) - surrogateRank(y);
    return x - y;
  }
  return a.length - b.length;
}

function surrogateRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit;
}

/** Orders map keys as Go's fmt and range do: numbers numerically, strings by bytes. */
function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (isNumeric(a) && isNumeric(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareStrings(typeof a, typeof b);
}

function isNumeric(v: unknown): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** A map's entries in sorted key order. */
export function sortedEntries(
  v: Map<unknown, unknown> | Record<string, unknown>,
): [unknown, unknown][] {
  const entries: [unknown, unknown][] = v instanceof Map ? [...v.entries()] : Object.entries(v);
  return entries.sort((x, y) => compareKeys(x[0], y[0]));
}

/** The elements of a slice. */
export function sliceElements(v: unknown[] | Set<unknown>): readonly unknown[] {
  return isArray(v) ? v : [...v];
}

// Prototypes whose functions are JS's, not methods a template may call.
const BUILTIN_PROTOTYPES = new Set<unknown>([
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
  Date.prototype,
  Function.prototype,
  Error.prototype,
  Promise.prototype,
  RegExp.prototype,
]);

type Method = (...args: unknown[]) => unknown;

/** What templates need to know about a type, computed once per prototype. */
interface TypeInfo {
  readonly kind: Kind;
  /** Methods by name (null: no such method); undefined for JS's own types, which have none. */
  readonly methods: Map<string, Method | null> | undefined;
}

const TYPES = new WeakMap<object, TypeInfo>();
/** Stands for the null prototype of Object.create(null) records in TYPES. */
const NULL_PROTOTYPE = {};

function typeOf(v: object): TypeInfo {
  const proto = (getPrototypeOf(v) as object | null) ?? NULL_PROTOTYPE;
  let info = TYPES.get(proto);
  if (info === undefined) {
    const builtin = proto === NULL_PROTOTYPE || BUILTIN_PROTOTYPES.has(proto);
    info = { kind: computeKind(v), methods: builtin ? undefined : new Map() };
    TYPES.set(proto, info);
  }
  return info;
}

/**
 * The method `name` of a value: a function defined on its class (not an own property, which is a
 * field holding a func value, as in Go).
 */
export function findMethod(v: object, name: string): Method | undefined {
  const { methods } = typeOf(v);
  if (methods === undefined) return undefined;
  let method = methods.get(name);
  if (method === undefined) {
    method = lookupMethod(getPrototypeOf(v) as object, name);
    methods.set(name, method);
  }
  return method ?? undefined;
}

function lookupMethod(start: object, name: string): Method | null {
  for (
    let p: object | null = start;
    p !== null && !BUILTIN_PROTOTYPES.has(p);
    p = getPrototypeOf(p) as object | null
  ) {
    const desc = getOwnPropertyDescriptor(p, name);
    if (desc === undefined) continue;
    return name !== 'constructor' && typeof desc.value === 'function'
      ? (desc.value as Method)
      : null;
  }
  return null;
}

/** A String method, making the value a fmt.Stringer. */
export function stringer(v: object): (() => unknown) | undefined {
  return findMethod(v, 'String');
}

/** The string argument of a function; throws Go's conversion error for anything else. */
export function expectString(v: unknown): string {
  if (typeof v === 'string') return v;
  throw new TemplateArgumentError(`wrong type for value; expected string; got ${typeName(v)}`);
}

/** An integer argument (int or integral float64) as a JS number. */
export function expectInt(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new TemplateArgumentError(`wrong type for value; expected int; got ${typeName(v)}`);
}
