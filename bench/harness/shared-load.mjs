// The shared benchmark load (../shared/bench/targets.mjs), so Promethium and Prometheus
// are measured on the same bodies and the same series.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { httpGet, waitUntil } from './http.mjs';
import { freePortRange } from './ports.mjs';
import { Child } from './resources.mjs';

/** The shared load generator, beside the repository. */
export const TARGETS_SCRIPT = fileURLToPath(
  new URL('../../../shared/bench/targets.mjs', import.meta.url),
);

/** The shared query set used for latency figures (`name<TAB>kind<TAB>expr`). */
export const QUERIES_TSV = fileURLToPath(
  new URL('../../../shared/bench/queries.tsv', import.meta.url),
);

/** The shared README holding Prometheus's figures. */
export const SHARED_README = fileURLToPath(
  new URL('../../../shared/bench/README.md', import.meta.url),
);

function assertScript() {
  if (!existsSync(TARGETS_SCRIPT))
    throw new Error(`shared load generator missing: ${TARGETS_SCRIPT}`);
}

/**
 * Starts `targets.mjs serve` with `targets` listeners of `series` series each on free
 * loopback ports and waits until its control listener answers. Resolves with the child,
 * the first target port and the target URLs; the caller stops the child.
 */
export async function serveTargets({ targets, series, shared = false }) {
  assertScript();
  for (let attempt = 1; ; attempt++) {
    const control = await freePortRange(targets + 1);
    const base = control + 1;
    const args = ['--targets', String(targets), '--series', String(series), '--base', String(base)];
    if (shared) args.push('--shared', '1');
    const child = new Child('targets.mjs', [TARGETS_SCRIPT, 'serve', ...args]);
    try {
      await waitUntil('the shared targets', () => isHealthy(control), { child, timeoutMs: 15_000 });
      const urls = Array.from(
        { length: targets },
        (_, k) => `http://127.0.0.1:${base + k}/metrics`,
      );
      return { child, base, urls, addresses: urls.map((u) => new URL(u).host) };
    } catch (err) {
      await child.stop();
      // Another process may have taken a port between our probe and the child's bind.
      if (attempt >= 3) throw err;
    }
  }
}

async function isHealthy(controlPort) {
  const { status } = await httpGet(`http://127.0.0.1:${controlPort}/healthz`, { timeoutMs: 2000 });
  return status === 200;
}

/**
 * Runs `targets.mjs openmetrics` and hands each sample line to `onLine` as it streams
 * (no temporary file; `onLine` may return a promise to hold the stream back until it
 * settles): `series` series of each of `targets` targets, `samples` samples
 * `step` s apart from unix second `start` (targets.mjs's default start when absent).
 */
export async function streamOpenMetrics({ targets = 1, series, samples, step, start }, onLine) {
  assertScript();
  const args = ['--targets', String(targets), '--series', String(series)];
  args.push('--samples', String(samples));
  if (start !== undefined) args.push('--start', String(start));
  const child = new Child(
    'targets.mjs openmetrics',
    [TARGETS_SCRIPT, 'openmetrics', ...args, '--step', String(step)],
    {
      stdout: 'read',
    },
  );
  try {
    const lines = createInterface({ input: child.process.stdout, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '' || line.startsWith('#')) continue;
      // A promise from onLine (a write) is awaited, so the stream waits for the consumer.
      const pending = onLine(line);
      if (pending) await pending;
    }
    const code = await child.waitExit();
    if (code !== 0)
      throw new Error(`targets.mjs openmetrics exited with ${code}:\n${child.tail()}`);
  } finally {
    await child.stop();
  }
}
