import { loadWebConfig } from '@promethium/config';
import { BasicAuthenticator } from './basic-auth.js';
import { loadTlsSettings } from './tls.js';
import type { TlsSettings } from './tls.js';

/** The web configuration in effect: TLS material, authenticator and extra response headers. */
export interface WebState {
  tls: TlsSettings | undefined;
  /** Undefined when no basic_auth_users are configured (no authentication). */
  auth: BasicAuthenticator | undefined;
  headers: readonly (readonly [string, string])[];
  /** The config package's warnings about accepted but unsupported fields. */
  warnings: readonly string[];
}

/** The state of a server without a web config file: plain HTTP, no auth, no headers. */
export const PLAIN_WEB_STATE: WebState = {
  tls: undefined,
  auth: undefined,
  headers: [],
  warnings: [],
};

/**
 * Loads `file` into a WebState; a malformed file or unusable TLS material rejects with
 * the config package's ConfigError.
 */
export async function loadWebState(file: string | undefined): Promise<WebState> {
  if (file === undefined || file === '') return PLAIN_WEB_STATE;
  const config = await loadWebConfig(file);
  const users = config.basicAuthUsers;
  return {
    tls: config.tls === undefined ? undefined : await loadTlsSettings(config.tls, file),
    auth: Object.keys(users).length === 0 ? undefined : new BasicAuthenticator(users),
    headers: Object.entries(config.httpHeaders),
    warnings: config.warnings,
  };
}
