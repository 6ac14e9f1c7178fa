// text/template's predefined functions: and, or, not, len, index, slice, print, printf,
// println, eq, ne, lt, le, gt, ge, html, js, urlquery, call. `and`, `or` and `call` need the
// evaluator (short-circuiting, the callee's name) and are special-cased there; their entries
// here give their arity and mark the names as defined.
import { TemplateArgumentError } from './errors.js';
import { type FunctionMap, type TemplateFunction, variadic } from './function.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { isPrint } from './strconv.js';
import type { GoDuration, GoNamedInt } from './time.js';
import {
  SafeHtml,
  SafeUrl,
  compareStrings,
  intValue,
  isTrue,
  kindOf,
  lengthOf,
  sliceElements,
  stringValue,
  typeName,
} from './values.js';

/** Go's evalArgs: a lone string as is, anything else through Sprint with <no value> for nil. */
function evalArgs(args: readonly unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

/** text/template's HTMLEscapeString. */
function htmlEscapeString(s: string): string {
  if (!/["'&<>\0]/.test(s)) return s;
  return s.replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]!);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\0': '\uFFFD',
};

const JS_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/** text/template's JSEscapeString. */
function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const special = JS_ESCAPES[ch];
    if (special !== undefined) out += special;
    else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp < 0x80 || isPrint(cp)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** Go's url.QueryEscape: unreserved characters kept, space as '+', the rest as %XX bytes. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function not(arg: unknown): boolean {
  return !isTrue(arg);
}

function len(item: unknown): bigint {
  if (item === undefined || item === null) throw new Error('len of nil pointer');
  const n = lengthOf(item);
  if (n === undefined) throw new Error(`len of type ${typeName(item)}`);
  return BigInt(n);
}

/** An index argument: int or integral float64 (JS data), checked against `bound`. */
function indexArg(index: unknown, bound: number): number {
  let x: number;
  if (typeof index === 'bigint') x = Number(index);
  else if (typeof index === 'number' && Number.isInteger(index)) x = index;
  else if (index === undefined || index === null)
    throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0 || x > bound) throw new Error(`index out of range: ${x}`);
  return x;
}

/** The zero value of a map's element type, inferred from its values: "" for string maps. */
export function zeroElement(m: Map<unknown, unknown> | Record<string, unknown>): unknown {
  const first = m instanceof Map ? m.values().next().value : Object.values(m)[0];
  switch (typeof first) {
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'bigint':
      return 0n;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

function indexOne(item: unknown, index: unknown): unknown {
  if (item === null || item === undefined) throw new Error('index of nil pointer');
  switch (kindOf(item)) {
    case 'slice': {
      const list = sliceElements(item as unknown[] | Set<unknown>);
      const x = indexArg(index, list.length);
      if (x === list.length) throw new Error(`index out of range: ${x}`);
      return list[x];
    }
    case 'string': {
      const bytes = Buffer.from(stringValue(item as string | SafeHtml | SafeUrl), 'utf8');
      const x = indexArg(index, bytes.length);
      if (x === bytes.length) throw new Error(`index out of range: ${x}`);
      return BigInt(bytes[x]!);
    }
    case 'map':
      return indexMap(item as Map<unknown, unknown> | Record<string, unknown>, index);
    default:
      throw new Error(`can't index item of type ${typeName(item)}`);
  }
}

function indexMap(m: Map<unknown, unknown> | Record<string, unknown>, index: unknown): unknown {
  if (m instanceof Map) {
    if (m.has(index)) return m.get(index);
    if (typeof index === 'bigint' && m.has(Number(index))) return m.get(Number(index));
    return zeroElement(m);
  }
  if (index === undefined || index === null) return zeroElement(m);
  if (typeof index !== 'string' && !(index instanceof SafeHtml || index instanceof SafeUrl)) {
    throw new Error(`value has type ${typeName(index)}; should be string`);
  }
  const key = stringValue(index);
  return Object.hasOwn(m, key) ? m[key] : zeroElement(m);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('index of untyped nil');
  return indexes.reduce(indexOne, item);
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const kind = kindOf(item);
  if (kind === 'string' && indexes.length === 3) throw new Error('cannot 3-index slice a string');
  if (kind !== 'string' && kind !== 'slice')
    throw new Error(`can't slice item of type ${typeName(item)}`);
  const elements =
    kind === 'string'
      ? Buffer.from(stringValue(item as string | SafeHtml | SafeUrl), 'utf8')
      : sliceElements(item as unknown[] | Set<unknown>);
  const length = elements.length;
  const idx = [0, length, length];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, length)));
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!)
    throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (Buffer.isBuffer(elements)) return elements.subarray(idx[0], idx[1]).toString('utf8');
  return elements.slice(idx[0], idx[1]);
}

type Basic =
  | { readonly kind: 'bool'; readonly v: boolean }
  | { readonly kind: 'number'; readonly v: number | bigint }
  | { readonly kind: 'string'; readonly v: string };

/** The basic (comparable) view of a value; undefined for other kinds. */
function basic(v: unknown): Basic | undefined {
  switch (kindOf(v)) {
    case 'bool':
      return { kind: 'bool', v: v as boolean };
    case 'int':
      return { kind: 'number', v: intValue(v as bigint | GoDuration | GoNamedInt) };
    case 'float':
      return { kind: 'number', v: v as number };
    case 'string':
      return { kind: 'string', v: stringValue(v as string | SafeHtml | SafeUrl) };
    default:
      return undefined;
  }
}

function isNil(v: unknown): boolean {
  return v === undefined || v === null;
}

function incompatible(a: unknown, b: unknown): Error {
  return new Error(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
}

/** Numbers compare by value whether int or float64: JS data has no separate integer type. */
function numericCompare(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

function equalOne(a: unknown, b: unknown): boolean {
  const x = basic(a);
  const y = basic(b);
  if (x !== undefined && y !== undefined) {
    if (x.kind !== y.kind) throw incompatible(a, b);
    if (x.kind === 'number') return numericCompare(x.v, y.v as number | bigint) === 0;
    return x.v === y.v;
  }
  if (isNil(a) || isNil(b)) {
    if (x !== undefined || y !== undefined) return false;
    return isNil(a) && isNil(b);
  }
  const k = kindOf(a);
  if (k === 'slice' || k === 'map' || k === 'func')
    throw new Error(`non-comparable type ${typeName(a)}`);
  if (kindOf(b) !== k) throw incompatible(a, b);
  return a === b;
}

function eq(arg1: unknown, ...args: unknown[]): boolean {
  if (args.length === 0) throw new Error('missing argument for comparison');
  return args.some((b) => equalOne(arg1, b));
}

function ne(a: unknown, b: unknown): boolean {
  return !eq(a, b);
}

function lt(a: unknown, b: unknown): boolean {
  const x = basic(a);
  const y = basic(b);
  if (x === undefined || y === undefined) throw new Error('invalid type for comparison');
  if (x.kind !== y.kind) throw incompatible(a, b);
  switch (x.kind) {
    case 'bool':
      throw new Error('invalid type for comparison');
    case 'number':
      return numericCompare(x.v, y.v as number | bigint) < 0;
    default:
      return compareStrings(x.v, y.v as string) < 0;
  }
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

function gt(a: unknown, b: unknown): boolean {
  return !le(a, b);
}

function ge(a: unknown, b: unknown): boolean {
  return !lt(a, b);
}

function printf(format: unknown, ...args: unknown[]): string {
  if (typeof format !== 'string') {
    throw new TemplateArgumentError(
      `wrong type for value; expected string; got ${typeName(format)}`,
    );
  }
  return sprintf(format, args);
}

function evaluatorOnly(): never {
  throw new Error('evaluated by the template executor');
}

export const BUILTINS: FunctionMap = {
  and: variadic(1, evaluatorOnly as TemplateFunction),
  or: variadic(1, evaluatorOnly as TemplateFunction),
  call: variadic(1, evaluatorOnly as TemplateFunction),
  not,
  len,
  index: variadic(1, index),
  slice: variadic(1, slice),
  print: variadic(0, (...args: unknown[]) => sprint(args)),
  printf: variadic(1, printf),
  println: variadic(0, (...args: unknown[]) => sprintln(args)),
  eq: variadic(1, eq),
  ne,
  lt,
  le,
  gt,
  ge,
  html: variadic(0, (...args: unknown[]) => htmlEscapeString(evalArgs(args))),
  js: variadic(0, (...args: unknown[]) => jsEscapeString(evalArgs(args))),
  urlquery: variadic(0, (...args: unknown[]) => queryEscape(evalArgs(args))),
};
