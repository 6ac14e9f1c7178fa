import { joinDir } from '../paths.js';
import { check, list, record, str } from '../yaml/decoders.js';
import { field, object } from '../yaml/object.js';
import type { HttpHeaderConfig } from './types.js';

// Headers that shape the connection or that the scraper sets itself (prometheus/common's
// ReservedHeaders), by lowercase name.
const RESERVED = new Set([
  'authorization',
  'host',
  'content-encoding',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'www-authenticate',
  'accept-encoding',
  'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version',
  'x-prometheus-scrape-timeout-seconds',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);

// RFC 9110 token characters; Go's HTTP client refuses any other header name when it sends.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

// Go refuses control characters other than tab in a header value when it sends.
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/** Go's canonical form of a valid header name: `x-foo-bar` becomes `X-Foo-Bar`. */
function canonical(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

function nameProblem(name: string): string | undefined {
  if (!TOKEN.test(name)) return `invalid header field name ${JSON.stringify(name)}`;
  if (RESERVED.has(name.toLowerCase()))
    return `setting header ${JSON.stringify(canonical(name))} is not allowed`;
  return undefined;
}

const headerValue = check(str, (value) =>
  hasControlCharacter(value) ? 'header value contains a control character' : undefined,
);

const header = object({
  values: field('values', list(headerValue), [] as string[]),
  secrets: field('secrets', list(headerValue), [] as string[]),
  files: field('files', list(str), [] as string[]),
});

/** `http_headers`: extra request headers by name, reserved names refused at the name. */
export const httpHeaders = record(header, nameProblem);

/** The headers with their files joined to `dir`. */
export function resolveHttpHeaders(
  headers: Record<string, HttpHeaderConfig>,
  dir: string,
): Record<string, HttpHeaderConfig> {
  const entries = Object.entries(headers).map(([name, h]): [string, HttpHeaderConfig] => [
    name,
    { ...h, files: h.files.map((f) => joinDir(dir, f)) },
  ]);
  return Object.fromEntries(entries);
}
