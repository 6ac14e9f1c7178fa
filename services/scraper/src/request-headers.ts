import { readFile } from 'node:fs/promises';
import type { ScrapeHttpConfig, SecretSource } from '@promethium/config';
import { reasonOf } from '@promethium/config';

/** Request headers by lowercase name; a name with several values is sent on several lines. */
export type RequestHeaders = Record<string, string[]>;

// What a redirect to another host must not carry (the list Go's HTTP client strips, which
// prometheus/common also applies to configured headers).
const SENSITIVE = new Set([
  'authorization',
  'www-authenticate',
  'cookie',
  'cookie2',
  'proxy-authorization',
  'proxy-authenticate',
]);

/**
 * The headers of one request: `base`, then the configured `http_headers` (added to, not
 * replacing, a base header of the same name, as Go's Header.Add does), then the credentials.
 * Files are read for every request, so rotated secrets take effect at the next scrape. A
 * request that a redirect took to another host (`crossHost`) gets no credentials and none of
 * the sensitive configured headers.
 */
export async function requestHeaders(
  config: ScrapeHttpConfig,
  base: Record<string, string>,
  crossHost: boolean,
): Promise<RequestHeaders> {
  const headers = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    if (crossHost && SENSITIVE.has(key)) return;
    headers.set(key, [...(headers.get(key) ?? []), value]);
  };
  for (const [name, value] of Object.entries(base)) add(name, value);
  for (const [name, header] of Object.entries(config.httpHeaders)) {
    for (const value of [...header.values, ...header.secrets]) add(name, value);
    for (const file of header.files) add(name, await readHeaderFile(file));
  }
  const authorization = await authorizationHeader(config);
  if (authorization !== undefined) add('authorization', authorization);
  return Object.fromEntries(headers);
}

async function authorizationHeader(config: ScrapeHttpConfig): Promise<string | undefined> {
  const { basicAuth, authorization } = config;
  if (basicAuth) {
    const username = await readSecret(basicAuth.username, 'basic auth username');
    const password = await readSecret(basicAuth.password, 'basic auth password');
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  if (authorization) {
    const credentials = await readSecret(authorization.credentials, 'authorization credentials');
    return `${authorization.type} ${credentials}`;
  }
  return undefined;
}

/** An inline secret, or a file's trimmed content; `what` names it in the error. */
async function readSecret(source: SecretSource | undefined, what: string): Promise<string> {
  if (source === undefined) return '';
  if ('inline' in source) return source.inline;
  try {
    return (await readFile(source.file, 'utf8')).trim();
  } catch (err) {
    throw new Error(
      `unable to read ${what}: unable to read file ${source.file}: ${reasonOf(err)}`,
      {
        cause: err,
      },
    );
  }
}

async function readHeaderFile(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    throw new Error(`unable to read headers file ${file}: ${reasonOf(err)}`, { cause: err });
  }
}
