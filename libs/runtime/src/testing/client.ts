import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SecureVersion } from 'node:tls';

/** Options of fetchText; TLS fields are PEM contents (test-only). */
export interface FetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  maxVersion?: SecureVersion;
  ciphers?: string;
  ecdhCurve?: string;
}

/** A whole response. */
export interface FetchResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Performs one request on a fresh connection and reads the whole body (test-only). */
export function fetchText(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: false,
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        maxVersion: opts.maxVersion,
        ciphers: opts.ciphers,
        ecdhCurve: opts.ecdhCurve,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A Basic `Authorization` header value (test-only). */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
