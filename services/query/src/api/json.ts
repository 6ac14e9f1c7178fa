// Prometheus renders API responses with jsoniter in Go's standard-library mode and
// hand-written encoders for samples; these functions produce the same bytes.
import type { ServerResponse } from 'node:http';
import type { Labels } from '@promethium/model';
import type { QueryResult } from '@promethium/promql';

const HEX = '0123456789abcdef';

/** A JSON string as Go writes it: `<`, `>`, `&`, U+2028/9 escaped, bad UTF-16 as U+FFFD. */
export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else out += '\\ufffd';
      continue;
    }
    out += escapeUnit(c, s[i]!);
  }
  return out + '"';
}

function escapeUnit(c: number, ch: string): string {
  switch (c) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
  }
  if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26)
    return '\\u00' + HEX[c >> 4]! + HEX[c & 15]!;
  if (c === 0x2028 || c === 0x2029) return '\\u' + c.toString(16);
  return ch;
}

/** Milliseconds as seconds the way Prometheus writes sample times: `1.5` → `0.001`, `1700000000.100`. */
export function sampleTimestamp(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const fraction = abs % 1000;
  const seconds = `${sign}${(abs - fraction) / 1000}`;
  return fraction === 0 ? seconds : `${seconds}.${String(fraction).padStart(3, '0')}`;
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (Object.is(v, -0)) return '-0';
  const text = String(v);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const decimals = (point < 0 ? mantissa.length : point) + Number(text.slice(e + 1));
  let out: string;
  if (decimals <= 0) out = '0.' + '0'.repeat(-decimals) + digits;
  else if (decimals >= digits.length) out = digits + '0'.repeat(decimals - digits.length);
  else out = digits.slice(0, decimals) + '.' + digits.slice(decimals);
  return (negative ? '-' : '') + out;
}

/**
 * A sample value as Prometheus writes vector and matrix points (jsonutil.MarshalFloat):
 * like formatFloat, but in Go's exponent form (`1e+21`, `1e-07`) when |v| < 1e-6 or ≥ 1e21.
 */
export function formatSampleValue(v: number): string {
  const abs = Math.abs(v);
  if (abs === 0 || !Number.isFinite(abs) || (abs >= 1e-6 && abs < 1e21)) return formatFloat(v);
  return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A label set as a JSON object, names in order, strings escaped as Go does. */
export function labelsJson(labels: Labels): string {
  const parts: string[] = [];
  for (const [name, value] of labels) parts.push(`${jsonString(name)}:${jsonString(value)}`);
  return `{${parts.join(',')}}`;
}

function point(t: number, v: number): string {
  return `[${sampleTimestamp(t)},"${formatSampleValue(v)}"]`;
}

/** The `data` object of a query response: `{"resultType":…,"result":…}`. */
export function queryData(result: QueryResult): string {
  let body: string;
  switch (result.kind) {
    case 'vector':
      body = result.series
        .map((s) => `{"metric":${labelsJson(s.labels)},"value":${point(s.t, s.v)}}`)
        .join(',');
      body = `[${body}]`;
      break;
    case 'matrix':
      body = result.series
        .map(
          (s) =>
            `{"metric":${labelsJson(s.labels)},"values":[${s.samples.map((p) => point(p.t, p.v)).join(',')}]}`,
        )
        .join(',');
      body = `[${body}]`;
      break;
    // Scalars and strings go through Go's encoding/json: time as a float, value as a string.
    case 'scalar':
      body = `[${String(result.t / 1000)},"${formatFloat(result.v)}"]`;
      break;
    case 'string':
      body = `[${String(result.t / 1000)},${jsonString(result.v)}]`;
      break;
  }
  return `{"resultType":"${result.kind}","result":${body}}`;
}

/** A success envelope around an already encoded `data`; `warnings` is omitted when empty. */
export function successBody(data: string, warnings: readonly string[]): string {
  const extra = warnings.length > 0 ? `,"warnings":[${warnings.map(jsonString).join(',')}]` : '';
  return `{"status":"success","data":${data}${extra}}`;
}

/** An error envelope: `{"status":"error","errorType":…,"error":…}`. */
export function errorBody(errorType: string, message: string): string {
  return `{"status":"error","errorType":${jsonString(errorType)},"error":${jsonString(message)}}`;
}

/** Writes a JSON body with Prometheus's bare `application/json` content type (Express would add a charset). */
export function send(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(body);
}
