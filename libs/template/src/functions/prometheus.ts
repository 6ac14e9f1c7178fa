// Prometheus's template functions (NewTemplateExpander in prometheus/prometheus's
// template/template.go) that need nothing but their arguments. The query-backed ones (query,
// first, label, value, strvalue, sortByLabel) belong to whoever evaluates rules; add them per
// engine. now, pathPrefix and externalURL depend on the evaluation: see
// prometheusContextFunctions.
import { isIP } from 'node:net';
import { parseDuration } from '@promethium/model';
import { queryEscape } from '../builtins.js';
import { type FunctionMap, variadic } from '../function.js';
import { matchString, replaceAllString } from '../regexp.js';
import { GoDuration } from '../time.js';
import { SafeHtml, expectString } from '../values.js';
import {
  convertToFloat,
  floatToTime,
  g4,
  humanizeDuration,
  title,
  toLower,
  toUpper,
} from './common.js';

const SI_PREFIXES = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SI_FRACTION_PREFIXES = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
const IEC_PREFIXES = ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];

function humanize(i: unknown): string {
  let v = convertToFloat(i);
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of SI_PREFIXES) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return g4(v) + prefix;
  }
  for (const p of SI_FRACTION_PREFIXES) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v) + prefix;
}

function humanize1024(i: unknown): string {
  let v = convertToFloat(i);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  for (const p of IEC_PREFIXES) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return g4(v) + prefix;
}

function humanizeTimestamp(i: unknown): string {
  const v = convertToFloat(i);
  if (!Number.isFinite(v)) return g4(v);
  return floatToTime(v).String();
}

const MIN_INT64 = -(1n << 63n);

/** Go's time.Duration(v * 1e9): truncated, with out-of-range values as amd64 converts them. */
function toDuration(i: unknown): GoDuration {
  const ns = convertToFloat(i) * 1e9;
  if (!Number.isFinite(ns) || Math.abs(ns) >= 2 ** 63) return new GoDuration(MIN_INT64);
  return new GoDuration(BigInt(Math.trunc(ns)));
}

/** Prometheus's model.ParseDurationAllowNegative, in seconds. */
function parseDurationSeconds(d: unknown): number {
  const s = expectString(d);
  const negative = s.startsWith('-');
  const ms = parseDuration(negative ? s.slice(1) : s);
  return (negative && ms !== 0 ? -ms : ms) / 1000;
}

/** Go's net.SplitHostPort; undefined where Go returns an error. */
export function splitHostPort(hostPort: string): { host: string; port: string } | undefined {
  const i = hostPort.lastIndexOf(':');
  if (i < 0) return undefined;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostPort[0] === '[') {
    const end = hostPort.indexOf(']');
    if (end < 0 || end + 1 !== i) return undefined;
    host = hostPort.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostPort.slice(0, i);
    if (host.includes(':')) return undefined;
  }
  if (hostPort.indexOf('[', j) >= 0 || hostPort.indexOf(']', k) >= 0) return undefined;
  return { host, port: hostPort.slice(i + 1) };
}

/** Go's net.ParseIP accepts the address (IPv4 dotted quad or IPv6, without a zone). */
function isIPAddress(host: string): boolean {
  return !host.includes('%') && isIP(host) !== 0;
}

function stripPort(hostPort: unknown): string {
  const s = expectString(hostPort);
  return splitHostPort(s)?.host ?? s;
}

function stripDomain(hostPort: unknown): string {
  const s = expectString(hostPort);
  const split = splitHostPort(s);
  const host = split?.host ?? s;
  if (isIPAddress(host)) return s;
  const short = host.split('.')[0]!;
  if (split === undefined || split.port === '') return short;
  return short.includes(':') ? `[${short}]:${split.port}` : `${short}:${split.port}`;
}

function args(...values: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  values.forEach((v, i) => (out[`arg${i}`] = v));
  return out;
}

export const prometheusFunctions: FunctionMap = {
  args: variadic(0, args),
  reReplaceAll: (pattern: unknown, repl: unknown, text: unknown) =>
    replaceAllString(expectString(pattern), expectString(text), expectString(repl)),
  safeHtml: (text: unknown) => new SafeHtml(expectString(text)),
  match: (pattern: unknown, s: unknown) => matchString(expectString(pattern), expectString(s)),
  title: (text: unknown) => title(expectString(text), true),
  toUpper,
  toLower,
  graphLink: (expr: unknown) => `/graph?g0.expr=${queryEscape(expectString(expr))}&g0.tab=0`,
  tableLink: (expr: unknown) => `/graph?g0.expr=${queryEscape(expectString(expr))}&g0.tab=1`,
  stripPort,
  stripDomain,
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage: (i: unknown) => g4(convertToFloat(i) * 100) + '%',
  humanizeTimestamp,
  toTime: (i: unknown) => floatToTime(convertToFloat(i)),
  toDuration,
  parseDuration: parseDurationSeconds,
  urlQueryEscape: (s: unknown) => queryEscape(expectString(s)),
};

export interface PrometheusEvaluation {
  /** The evaluation time, in milliseconds since the epoch. */
  readonly timestampMs: number;
  /** --web.external-url, as configured. */
  readonly externalUrl: string;
}

/** now, pathPrefix and externalURL for one rule evaluation. */
export function prometheusContextFunctions(evaluation: PrometheusEvaluation): FunctionMap {
  // The path as Go's url.URL keeps it: empty when the URL has none (JS's URL would say "/").
  const rawPath = /^[^:/?#]+:\/\/[^/?#]*([^?#]*)/.exec(evaluation.externalUrl)?.[1] ?? '';
  const path = decodeURIComponent(rawPath);
  return {
    now: () => evaluation.timestampMs / 1000,
    pathPrefix: () => path,
    externalURL: () => evaluation.externalUrl,
  };
}
