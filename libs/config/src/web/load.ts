import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ConfigReadError } from '../errors.js';
import { bool, check, decodeYaml, record, str } from '../yaml/decoders.js';
import type { Decoder } from '../yaml/decoders.js';
import { field, object, optional } from '../yaml/object.js';
import type { ReadFile } from './pem.js';
import { tlsServerConfig } from './tls.js';
import type { WebConfig } from './types.js';

// The response headers exporter-toolkit lets users set, with the values allowed (any when empty).
const HEADERS: Readonly<Record<string, readonly string[]>> = {
  'Content-Security-Policy': [],
  'Strict-Transport-Security': [],
  'X-Content-Type-Options': ['nosniff'],
  'X-Frame-Options': ['deny', 'sameorigin'],
  'X-XSS-Protection': [],
};

const httpServerConfig = object(
  {
    http2: field('http2', bool, true),
    headers: field(
      'headers',
      record(str, (name) =>
        Object.hasOwn(HEADERS, name)
          ? undefined
          : `HTTP header ${JSON.stringify(name)} can not be configured`,
      ),
      {},
    ),
  },
  {
    check: (value, at) => {
      for (const [name, v] of Object.entries(value.headers)) {
        const allowed = HEADERS[name]!;
        if (allowed.length > 0 && !allowed.includes(v)) {
          const expected = allowed.map((a) => JSON.stringify(a)).join(', ');
          at('headers')
            .field(name)
            .fail(
              `invalid value for ${name}: expected one of ${expected}, got ${JSON.stringify(v)}`,
            );
        }
      }
    },
  },
);

// What Go's bcrypt accepts: $2$, $2a$, $2b$ ... with a cost of 4 to 31, then 53 characters.
const BCRYPT = /^\$2[a-z]?\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$/;

const basicAuthUsers = record(
  check(str, (hash) => (BCRYPT.test(hash) ? undefined : 'password is not a bcrypt hash')),
);

function webConfigFile(file: string, read: ReadFile | undefined): Decoder<WebConfig> {
  const shape = object(
    {
      tls: optional('tls_server_config', tlsServerConfig(file, read)),
      http: field('http_server_config', httpServerConfig, { http2: true, headers: {} }),
      users: field('basic_auth_users', basicAuthUsers, {}),
    },
    { unsupported: ['rate_limit'] },
  );
  return (at) => {
    const { tls, http, users } = shape(at);
    const config: WebConfig = {
      basicAuthUsers: users,
      httpHeaders: http.headers,
      http2: http.http2,
      warnings: [],
    };
    if (tls !== undefined) config.tls = tls;
    return config;
  };
}

/**
 * Parses a web configuration file (exporter-toolkit format) and validates it like
 * exporter-toolkit, including inline PEM; does no I/O. Throws ConfigError at the first problem.
 */
export function parseWebConfig(text: string, file: string): WebConfig {
  return withWarnings(decodeYaml(text, file, webConfigFile(file, undefined)));
}

/**
 * Reads and validates a web configuration file, and also reads the certificate, key and CA
 * files it names and checks their PEM. Throws ConfigReadError or ConfigError.
 */
export async function loadWebConfig(path: string): Promise<WebConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigReadError(path, cause);
  }
  // The referenced files are small and read once per load; a sync read keeps decoders plain functions.
  return withWarnings(
    decodeYaml(
      text,
      path,
      webConfigFile(path, (p) => readFileSync(p, 'utf8')),
    ),
  );
}

function withWarnings({ value, warnings }: { value: WebConfig; warnings: string[] }): WebConfig {
  return { ...value, warnings };
}
