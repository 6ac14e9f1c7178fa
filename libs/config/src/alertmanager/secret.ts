import type { SecretSource } from '../prometheus/types.js';
import type { HttpClientConfig } from './types.js';
import { SECRET_TOKEN } from './url.js';

/**
 * A secret written inline. The value stays readable as `inline`, but JSON and string forms
 * show `<secret>`, as Alertmanager prints its configuration (e.g. in /api/v2/status).
 */
class InlineSecret {
  constructor(readonly inline: string) {}

  toJSON(): { inline: string } {
    return { inline: SECRET_TOKEN };
  }

  toString(): string {
    return SECRET_TOKEN;
  }
}

/**
 * The source of a secret given inline or as a file ('' means not given). A file wins when
 * both are given, as Alertmanager's notifiers read it; the file path is kept as written.
 */
export function secretOf(inline: string | undefined, file: string): SecretSource | undefined {
  if (file !== '') return { file };
  if (inline === undefined || inline === '') return undefined;
  return new InlineSecret(inline);
}

/** `source` with an inline value masked in JSON and string forms. */
function masked(source: SecretSource | undefined): SecretSource | undefined {
  return source !== undefined && 'inline' in source ? new InlineSecret(source.inline) : source;
}

/** A list whose JSON form shows every item as `<secret>`. */
function maskedList(values: string[]): string[] {
  const list = [...values];
  Object.defineProperty(list, 'toJSON', { value: () => list.map(() => SECRET_TOKEN) });
  return list;
}

/** The HTTP client settings with the values prometheus/common treats as secrets masked. */
export function maskHttpSecrets(config: HttpClientConfig): HttpClientConfig {
  const { basicAuth, authorization, tlsConfig, httpHeaders } = config;
  const headers = Object.entries(httpHeaders).map(([name, h]) => [
    name,
    { ...h, secrets: maskedList(h.secrets) },
  ]);
  return {
    ...config,
    basicAuth: basicAuth && { ...basicAuth, password: masked(basicAuth.password) },
    authorization: authorization && {
      ...authorization,
      credentials: masked(authorization.credentials),
    },
    tlsConfig: { ...tlsConfig, key: masked(tlsConfig.key) },
    httpHeaders: Object.fromEntries(headers),
  };
}
