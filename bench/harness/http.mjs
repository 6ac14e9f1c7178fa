// A minimal HTTP client on node:http: keep-alive, so query latencies do not include
// connection set-up, and no dependency on a global fetch.
import { Buffer } from 'node:buffer';
import { Agent, get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** GETs `url`; resolves with the status and the body bytes. Rejects after `timeoutMs`. */
export function httpGet(url, { timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** GETs `url` and returns the body as text; rejects unless the status is 200. */
export async function httpGetText(url, opts) {
  const { status, body } = await httpGet(url, opts);
  if (status !== 200)
    throw new Error(`GET ${url}: HTTP ${status}: ${body.toString().slice(0, 300)}`);
  return body.toString('utf8');
}

/**
 * Polls `probe` every 200 ms until it resolves true; throws after `timeoutMs`, or at once
 * when `child` has exited (its last output goes into the message).
 */
export async function waitUntil(what, probe, { timeoutMs = 30_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    if (child?.exited)
      throw new Error(`${child.name} exited while waiting for ${what}:\n${child.tail()}`);
    try {
      if (await probe()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`,
      );
    }
    await sleep(200);
  }
}

/** Closes idle keep-alive sockets so the process can exit promptly. */
export function closeHttpAgent() {
  agent.destroy();
}
