// Go's encoding/json.Marshal for template values (Alertmanager's toJson): compact output,
// map keys sorted, HTML characters escaped as \u003c, times as RFC 3339 strings.
import { GoDuration, GoNamedInt, GoTime } from '../time.js';
import {
  SafeHtml,
  SafeUrl,
  compareStrings,
  findMethod,
  isRecord,
  sliceElements,
  typeName,
} from '../values.js';

const MAX_DEPTH = 1000;

/** Go's json.Marshal; throws Go's error text for values JSON cannot hold. */
export function marshalJson(v: unknown): string {
  return encode(v, 0);
}

function encode(v: unknown, depth: number): string {
  if (depth > MAX_DEPTH)
    throw new Error(`json: unsupported value: encountered a cycle via ${typeName(v)}`);
  switch (typeof v) {
    case 'undefined':
      return 'null';
    case 'boolean':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return encodeNumber(v);
    case 'string':
      return encodeString(v);
    case 'function':
      throw new Error('json: unsupported type: func()');
    case 'object':
      return v === null ? 'null' : encodeObject(v, depth);
    default:
      throw new Error(`json: unsupported type: ${typeof v}`);
  }
}

function encodeNumber(v: number): string {
  if (!Number.isFinite(v)) {
    throw new Error(
      `json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`,
    );
  }
  // JS and Go agree on the shortest digits and on exponents below 1e-6 and from 1e21.
  return Object.is(v, -0) ? '-0' : String(v);
}

function encodeObject(v: object, depth: number): string {
  if (v instanceof SafeHtml || v instanceof SafeUrl) return encodeString(v.value);
  if (v instanceof Date) return encodeString(GoTime.fromDate(v).toJSON());
  if (v instanceof GoTime) return encodeString(v.toJSON());
  if (v instanceof GoDuration) return v.ns.toString();
  if (v instanceof GoNamedInt) return v.value.toString();
  if (Array.isArray(v) || v instanceof Set) {
    return (
      '[' +
      sliceElements(v)
        .map((e) => encode(e, depth + 1))
        .join(',') +
      ']'
    );
  }
  if (v instanceof Map) return encodeMap([...v.entries()], depth);
  if (isRecord(v)) return encodeMap(Object.entries(v), depth);
  const toJSON = findMethod(v, 'toJSON');
  if (toJSON !== undefined) return encode(toJSON.call(v), depth + 1);
  const fields = Object.entries(v).map(([k, e]) => encodeString(k) + ':' + encode(e, depth + 1));
  return '{' + fields.join(',') + '}';
}

function encodeMap(entries: [unknown, unknown][], depth: number): string {
  const keyed = entries.map(([k, e]): [string, unknown] => {
    if (typeof k === 'string') return [k, e];
    if (typeof k === 'number' || typeof k === 'bigint') return [String(k), e];
    throw new Error(`json: unsupported type: map[${typeName(k)}]interface {}`);
  });
  keyed.sort((a, b) => compareStrings(a[0], b[0]));
  return '{' + keyed.map(([k, e]) => encodeString(k) + ':' + encode(e, depth + 1)).join(',') + '}';
}

const SHORT: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A JSON string as Go writes it, with <, > and & escaped for safe embedding in HTML. */
function encodeString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const short = SHORT[ch];
    if (short !== undefined) out += short;
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&')
      out += '\\u00' + c.toString(16).padStart(2, '0');
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}
