import {
  HTTP_CLIENT_FIELDS,
  checkHttpClient,
  resolveHttpClient,
} from '../prometheus/http-client.js';
import { NO_TLS_CONFIG, resolveTlsConfig } from '../prometheus/tls-config.js';
import type { Decoder } from '../yaml/decoders.js';
import { goObject } from './decode.js';
import { maskHttpSecrets } from './secret.js';
import type { HttpClientConfig } from './types.js';

// prometheus/common settings an `http_config` may carry that Promethium does not implement.
const UNSUPPORTED_HTTP: readonly string[] = [
  'no_proxy',
  'oauth2',
  'proxy_connect_header',
  'proxy_from_environment',
  'proxy_url',
];

const httpShape = goObject(
  HTTP_CLIENT_FIELDS,
  { followRedirects: false, enableHttp2: false },
  { unsupported: UNSUPPORTED_HTTP },
);

/**
 * An `http_config` section (prometheus/common's HTTP client settings, checked as it checks
 * them); files are joined to `dir`, the configuration file's directory.
 */
export function httpConfig(dir: string): Decoder<HttpClientConfig> {
  return (at) => {
    const raw = httpShape(at);
    checkHttpClient(raw, at);
    return maskHttpSecrets(resolveHttpClient(raw, dir));
  };
}

/** prometheus/common's default HTTP client settings: redirects followed, HTTP/2 on. */
export const DEFAULT_HTTP_CONFIG: Readonly<HttpClientConfig> = {
  basicAuth: undefined,
  authorization: undefined,
  tlsConfig: resolveTlsConfig(NO_TLS_CONFIG, ''),
  followRedirects: true,
  enableHttp2: true,
  httpHeaders: {},
};
