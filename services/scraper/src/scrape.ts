import type { ScrapeConfig } from '@promethium/config';
import { acceptHeader, parseScrapeBody } from '@promethium/exposition';
import type {
  MetricMetadata,
  ParsedSample,
  ScrapeProtocol,
  SeriesTextCache,
} from '@promethium/exposition';
import { BodySizeLimitError, createScrapeClient } from './http-client.js';
import { InvalidUtf8Error } from './read-body.js';
import type { ScrapeClient } from './http-client.js';
import type { Target } from './target.js';

/** Why a scrape failed; each becomes a label value on the failure counter. */
export type ScrapeFailure =
  'http' | 'timeout' | 'parse' | 'body_size_limit' | 'target_limit' | 'shutdown';

/** The outcome of one HTTP scrape. */
export type ScrapeOutcome =
  | { ok: true; samples: ParsedSample[]; metadata: Map<string, MetricMetadata> }
  | { ok: false; reason: ScrapeFailure; error: string };

/**
 * Scrapes the targets of one scrape config: its HTTP client (credentials, TLS, limits),
 * the Accept header its `scrape_protocols` make, and the parser the Content-Type picks.
 */
export class JobScraper {
  readonly #client: ScrapeClient;
  readonly #accept: string;
  readonly #fallback: ScrapeProtocol | undefined;

  constructor(config: ScrapeConfig) {
    this.#client = createScrapeClient(config);
    this.#accept = acceptHeader(config.scrapeProtocols);
    this.#fallback = config.fallbackScrapeProtocol;
  }

  /**
   * Fetches and parses one target's metrics, bounded by its scrape timeout; `cache` is the
   * target's, carrying its label sets from one scrape to the next.
   */
  async scrape(
    target: Target,
    signal: AbortSignal,
    cache?: SeriesTextCache,
  ): Promise<ScrapeOutcome> {
    const { timeoutMs } = target;
    const timeout = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    let response;
    try {
      response = await this.#client.fetch(target.url, {
        timeoutMs,
        signal: timeout,
        accept: this.#accept,
      });
    } catch (err) {
      return failure(target, err, signal, timeout);
    }
    try {
      const { contentType, body } = response;
      return { ok: true, ...parseScrapeBody(body, contentType, this.#fallback, cache) };
    } catch (err) {
      return { ok: false, reason: 'parse', error: (err as Error).message };
    }
  }

  /** Closes the connections once running scrapes are done. */
  close(): Promise<void> {
    return this.#client.close();
  }
}

// Prometheus's texts: Go's client prefixes what went wrong with the request.
function failure(
  target: Target,
  err: unknown,
  signal: AbortSignal,
  timeout: AbortSignal,
): ScrapeOutcome {
  if (signal.aborted) return { ok: false, reason: 'shutdown', error: 'scrape cancelled' };
  if (timeout.aborted)
    return {
      ok: false,
      reason: 'timeout',
      error: `Get ${JSON.stringify(target.url)}: context deadline exceeded`,
    };
  if (err instanceof BodySizeLimitError)
    return { ok: false, reason: 'body_size_limit', error: err.message };
  if (err instanceof InvalidUtf8Error) return { ok: false, reason: 'parse', error: err.message };
  return { ok: false, reason: 'http', error: (err as Error).message };
}
