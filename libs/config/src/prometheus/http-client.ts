import type { Cursor } from '../yaml/cursor.js';
import { bool, str } from '../yaml/decoders.js';
import { field, object, optional } from '../yaml/object.js';
import type { Decoded } from '../yaml/object.js';
import { httpHeaders, resolveHttpHeaders } from './http-headers.js';
import { secretRef, secretSource } from './secret.js';
import { NO_TLS_CONFIG, resolveTlsConfig, tlsConfig } from './tls-config.js';
import type { AuthorizationConfig, ScrapeHttpConfig } from './types.js';

const basicAuth = object({
  username: field('username', str, ''),
  usernameFile: field('username_file', str, ''),
  usernameRef: field('username_ref', secretRef, ''),
  password: field('password', str, ''),
  passwordFile: field('password_file', str, ''),
  passwordRef: field('password_ref', secretRef, ''),
});

const authorization = object({
  type: field('type', str, ''),
  credentials: field('credentials', str, ''),
  credentialsFile: field('credentials_file', str, ''),
  credentialsRef: field('credentials_ref', secretRef, ''),
});

/**
 * prometheus/common's HTTP client settings, which a scrape config carries inline. `oauth2` and
 * the proxy settings are not among them: they are listed as unsupported.
 */
export const HTTP_CLIENT_FIELDS = {
  basicAuth: optional('basic_auth', basicAuth),
  authorization: optional('authorization', authorization),
  bearerToken: field('bearer_token', str, ''),
  bearerTokenFile: field('bearer_token_file', str, ''),
  tlsConfig: field('tls_config', tlsConfig, NO_TLS_CONFIG),
  followRedirects: field('follow_redirects', bool, true),
  // Accepted for compatibility only: undici's HTTP/2 support is experimental, so scrapes
  // speak HTTP/1.1 whatever this says.
  enableHttp2: field('enable_http2', bool, true),
  httpHeaders: field('http_headers', httpHeaders, {}),
};

/** The HTTP client fields of a scrape config as written. */
export type RawHttpClientConfig = Decoded<typeof HTTP_CLIENT_FIELDS>;

/**
 * Checks the authentication settings together, in the order and with the messages of
 * prometheus/common; `at` is the scrape config.
 */
export function checkHttpClient(raw: RawHttpClientConfig, at: Cursor): void {
  const bearer = raw.bearerToken !== '' || raw.bearerTokenFile !== '';
  if (raw.bearerToken !== '' && raw.bearerTokenFile !== '') {
    at.field('bearer_token_file').fail(
      'at most one of bearer_token & bearer_token_file must be configured',
    );
  }
  if (raw.basicAuth && bearer) {
    at.field('basic_auth').fail(
      'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured',
    );
  }
  if (raw.basicAuth) checkBasicAuth(raw.basicAuth, at.field('basic_auth'));
  if (raw.authorization) {
    const section = at.field('authorization');
    if (bearer)
      section.fail('authorization is not compatible with bearer_token & bearer_token_file');
    if (raw.authorization.credentials !== '' && raw.authorization.credentialsFile !== '') {
      section
        .field('credentials_file')
        .fail('at most one of authorization credentials & credentials_file must be configured');
    }
    if (authorizationType(raw.authorization.type).toLowerCase() === 'basic') {
      section
        .field('type')
        .fail('authorization type cannot be set to "basic", use "basic_auth" instead');
    }
    if (raw.basicAuth)
      section.fail('at most one of basic_auth, oauth2 & authorization must be configured');
  }
}

function checkBasicAuth(auth: ReturnType<typeof basicAuth>, at: Cursor): void {
  if (auth.username !== '' && auth.usernameFile !== '') {
    at.field('username_file').fail(
      'at most one of basic_auth username, username_file & username_ref must be configured',
    );
  }
  if (auth.password !== '' && auth.passwordFile !== '') {
    at.field('password_file').fail(
      'at most one of basic_auth password, password_file & password_ref must be configured',
    );
  }
}

// Surrounding spaces are dropped and an empty type means Bearer, as in prometheus/common.
function authorizationType(type: string): string {
  return type.trim() || 'Bearer';
}

/** The client settings of a checked scrape config, files joined to `dir`. */
export function resolveHttpClient(raw: RawHttpClientConfig, dir: string): ScrapeHttpConfig {
  const { basicAuth: basic } = raw;
  return {
    basicAuth: basic && {
      username: secretSource(basic.username, basic.usernameFile, dir),
      password: secretSource(basic.password, basic.passwordFile, dir),
    },
    authorization: resolveAuthorization(raw, dir),
    tlsConfig: resolveTlsConfig(raw.tlsConfig, dir),
    followRedirects: raw.followRedirects,
    enableHttp2: raw.enableHttp2,
    httpHeaders: resolveHttpHeaders(raw.httpHeaders, dir),
  };
}

// The legacy bearer_token and bearer_token_file become a Bearer authorization.
function resolveAuthorization(
  raw: RawHttpClientConfig,
  dir: string,
): AuthorizationConfig | undefined {
  const { authorization: auth } = raw;
  if (auth) {
    return {
      type: authorizationType(auth.type),
      credentials: secretSource(auth.credentials, auth.credentialsFile, dir),
    };
  }
  const credentials = secretSource(raw.bearerToken, raw.bearerTokenFile, dir);
  return credentials && { type: 'Bearer', credentials };
}
