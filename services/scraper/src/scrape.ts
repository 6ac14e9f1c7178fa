import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { request } from 'undici';
import { parsePrometheusText } from '@promethium/exposition';
import type { ParsedSample } from '@promethium/exposition';
import type { Target } from './target.js';

const ACCEPT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';

/** Why a scrape failed; each becomes a label value on the failure counter. */
export type ScrapeFailure = 'http' | 'timeout' | 'parse';

/** The outcome of one HTTP scrape. */
export type ScrapeOutcome =
  { ok: true; samples: ParsedSample[] } | { ok: false; reason: ScrapeFailure; error: string };

/** Fetches and parses one target's metrics, bounded by the job's scrape timeout. */
export async function scrapeTarget(target: Target, signal: AbortSignal): Promise<ScrapeOutcome> {
  const { timeoutMs } = target;
  const timeout = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  let body: string;
  try {
    body = await fetchBody(target.url, timeoutMs, timeout);
  } catch (err) {
    if (timeout.aborted && !signal.aborted) {
      return {
        ok: false,
        reason: 'timeout',
        error: `context deadline exceeded after ${timeoutMs}ms`,
      };
    }
    return { ok: false, reason: 'http', error: (err as Error).message };
  }
  try {
    return { ok: true, samples: parsePrometheusText(body).samples };
  } catch (err) {
    return { ok: false, reason: 'parse', error: (err as Error).message };
  }
}

async function fetchBody(url: string, timeoutMs: number, signal: AbortSignal): Promise<string> {
  const res = await request(url, {
    signal,
    headers: {
      accept: ACCEPT,
      'accept-encoding': 'gzip',
      'user-agent': 'Promethium/0.1',
      'x-prometheus-scrape-timeout-seconds': String(timeoutMs / 1000),
    },
  });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new Error(`server returned HTTP status ${res.statusCode}`);
  }
  const encoding = res.headers['content-encoding'];
  const stream: Readable = encoding === 'gzip' ? res.body.pipe(createGunzip()) : res.body;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
