import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { ScrapeConfig, ScrapeHttpConfig } from '@promethium/config';
import { reasonOf } from '@promethium/config';
import { readBody } from './read-body.js';
import { requestHeaders } from './request-headers.js';
import { TlsDispatcher } from './tls-dispatcher.js';

export { BodySizeLimitError } from './read-body.js';

export const USER_AGENT = 'Promethium/0.1';

// Go's HTTP client gives up at the tenth redirect response.
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** One scrape request. */
export interface ScrapeRequest {
  /** The scrape timeout, announced to the target; the `signal` enforces it. */
  timeoutMs: number;
  /** Ends the request; fetch then rejects with the signal's reason. */
  signal: AbortSignal;
  /** The Accept header. */
  accept: string;
}

/** A successful (200) scrape response, decoded. */
export interface ScrapeResponse {
  body: string;
  contentType: string | undefined;
}

/** Fetches targets of one scrape config over its connections. */
export interface ScrapeClient {
  /**
   * GETs `url` and returns its body. Rejects with HttpStatusError for a final status other
   * than 200, BodySizeLimitError when the body reaches the limit, `signal.reason` once the
   * signal aborted, and an `Error` for anything else (`Get "<url>": <reason>` when no
   * response came).
   */
  fetch(url: string, request: ScrapeRequest): Promise<ScrapeResponse>;
  /** Waits for running requests, then closes all connections. */
  close(): Promise<void>;
}

/** The target answered with a status other than 200. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';

  constructor(
    readonly statusCode: number,
    statusText: string,
  ) {
    const status = statusText === '' ? `${statusCode}` : `${statusCode} ${statusText}`;
    super(`server returned HTTP status ${status}`);
  }
}

/**
 * The HTTP client of a scrape config, as Prometheus builds it from the config's HTTP settings:
 * its TLS settings, credentials and extra headers, redirects followed or not, gzip asked for
 * per `enable_compression` and `body_size_limit` enforced. Speaks HTTP/1.1 (see enable_http2).
 */
export function createScrapeClient(config: ScrapeConfig): ScrapeClient {
  return new HttpScrapeClient(config);
}

class HttpScrapeClient implements ScrapeClient {
  readonly #http: ScrapeHttpConfig;
  readonly #acceptEncoding: string;
  readonly #bodySizeLimit: number;
  readonly #dispatcher: TlsDispatcher;

  constructor(config: ScrapeConfig) {
    this.#http = config.httpClient;
    this.#acceptEncoding = config.enableCompression ? 'gzip' : 'identity';
    this.#bodySizeLimit = config.bodySizeLimit;
    this.#dispatcher = new TlsDispatcher(config.httpClient.tlsConfig);
  }

  async fetch(url: string, { timeoutMs, signal, accept }: ScrapeRequest): Promise<ScrapeResponse> {
    signal.throwIfAborted();
    const base = {
      accept,
      'accept-encoding': this.#acceptEncoding,
      'user-agent': USER_AGENT,
      'x-prometheus-scrape-timeout-seconds': String(timeoutMs / 1000),
    };
    try {
      const res = await this.#follow(new URL(url), base, signal);
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new HttpStatusError(res.statusCode, res.statusText);
      }
      // Like Prometheus, only gzip is decoded, whatever else the target claims to have used.
      const gzip = first(res.headers['content-encoding']) === 'gzip';
      const body = await readBody(res.body, gzip, this.#bodySizeLimit);
      return { body, contentType: first(res.headers['content-type']) };
    } catch (err) {
      // Whatever undici made of the abort, the caller recognises its own reason.
      if (signal.aborted) throw signal.reason;
      throw err;
    }
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }

  /** Sends the request and, when configured to, follows redirects as Go's client does. */
  async #follow(
    url: URL,
    base: Record<string, string>,
    signal: AbortSignal,
  ): Promise<Dispatcher.ResponseData> {
    let target = url;
    // Once a redirect leaves the target's host, credentials stay off for the rest of the chain.
    let crossHost = false;
    for (let redirects = 1; ; redirects++) {
      const res = await this.#send(target, base, crossHost, signal);
      const location = this.#http.followRedirects && redirectLocation(res);
      // A redirect without a Location is the final response, as in Go.
      if (!location) return res;
      await res.body.dump();
      target = resolveLocation(location, target);
      if (redirects === MAX_REDIRECTS) {
        throw new Error(
          `Get ${JSON.stringify(target.href)}: stopped after ${MAX_REDIRECTS} redirects`,
        );
      }
      crossHost ||= !isDomainOrSubdomain(target.hostname, url.hostname);
    }
  }

  async #send(
    target: URL,
    base: Record<string, string>,
    crossHost: boolean,
    signal: AbortSignal,
  ): Promise<Dispatcher.ResponseData> {
    try {
      const headers = await requestHeaders(this.#http, base, crossHost);
      const dispatcher = await this.#dispatcher.agent();
      return await request(target, { method: 'GET', dispatcher, headers, signal });
    } catch (err) {
      throw new Error(`Get ${JSON.stringify(target.href)}: ${reasonOf(err)}`, { cause: err });
    }
  }
}

function redirectLocation(res: Dispatcher.ResponseData): string | undefined {
  return REDIRECT_STATUSES.has(res.statusCode) ? first(res.headers.location) : undefined;
}

function resolveLocation(location: string, base: URL): URL {
  try {
    return new URL(location, base);
  } catch (err) {
    throw new Error(`failed to parse Location header ${JSON.stringify(location)}`, { cause: err });
  }
}

// Go's rule for keeping credentials on a redirect: the same host or one of its subdomains;
// an IPv6 address only matches itself.
function isDomainOrSubdomain(host: string, parent: string): boolean {
  if (host === parent) return true;
  if (host.includes(':')) return false;
  return host.endsWith(`.${parent}`);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
