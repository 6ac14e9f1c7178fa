import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from './harness.js';
import { findNodeExporter, startNodeExporter } from './node-exporter.js';
import type { NodeExporter } from './node-exporter.js';
import { instantVector, sampleLines, startOneJob } from './one-job.js';
import type { OneJob } from './one-job.js';

const BIN = findNodeExporter();
const MISSING =
  "SKIPPED: prometheus-node-exporter not found; install Debian's package (./dev test does)";
if (BIN === undefined) console.warn(`node-exporter.test.ts ${MISSING}`);
const suite = BIN === undefined ? describe.skip : describe;
const title = `node_exporter scraped by promethium all every 1s${BIN === undefined ? ` (${MISSING})` : ''}`;

/** The `cpu` and `mode` label pairs of node_cpu_seconds_total in a text-format body. */
function cpuModesIn(body: string): string[] {
  return sampleLines(body)
    .filter((l) => l.startsWith('node_cpu_seconds_total{'))
    .map((l) => {
      const cpu = /cpu="([^"]*)"/.exec(l)?.[1];
      const mode = /mode="([^"]*)"/.exec(l)?.[1];
      return `${cpu}/${mode}`;
    });
}

suite(title, () => {
  let exporter: NodeExporter;
  let promethium: OneJob;

  beforeAll(async () => {
    exporter = await startNodeExporter(BIN!);
    promethium = await startOneJob('node', exporter.address);
    await waitFor('the first scrape of job node', async () => {
      const result = await instantVector(promethium.api, 'up{job="node"}');
      return result.length > 0 ? result : undefined;
    }).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${promethium.service.tail()}`);
    });
  });

  afterAll(async () => {
    const code = await promethium?.stop();
    await exporter?.stop();
    expect(code).toBe(0);
  });

  const query = (expr: string) => instantVector(promethium.api, expr);

  it('reports the target up', async () => {
    const [up, ...more] = await query('up{job="node"}');
    expect(more).toEqual([]);
    expect(up?.metric).toEqual({ __name__: 'up', job: 'node', instance: exporter.address });
    expect(up?.value[1]).toBe('1');
  });

  it('stores node_cpu_seconds_total once per CPU × mode', async () => {
    const direct = cpuModesIn(await exporter.metrics());
    const cpus = new Set(direct.map((p) => p.split('/')[0]));
    const modes = new Set(direct.map((p) => p.split('/')[1]));
    expect(cpus.size).toBeGreaterThan(0);
    expect(direct).toHaveLength(cpus.size * modes.size);

    const stored = await query('node_cpu_seconds_total{job="node"}');
    expect(stored.map((s) => `${s.metric.cpu}/${s.metric.mode}`).sort()).toEqual(direct.sort());
    for (const s of stored) expect(Number(s.value[1])).toBeGreaterThanOrEqual(0);
  });

  it('stores the go_gc_duration_seconds summary with Prometheus 3 quantile labels', async () => {
    // node_exporter writes quantile="0" and quantile="1"; Prometheus 3 stores them as
    // "0.0" and "1.0" (the OpenMetrics spelling), so queries match either exposition.
    const direct = sampleLines(await exporter.metrics()).filter((l) =>
      l.startsWith('go_gc_duration_seconds{'),
    );
    expect(direct.map((l) => /quantile="([^"]*)"/.exec(l)?.[1])).toEqual([
      '0',
      '0.25',
      '0.5',
      '0.75',
      '1',
    ]);

    const quantiles = await query('go_gc_duration_seconds{job="node"}');
    expect(quantiles.map((s) => s.metric.quantile).sort()).toEqual([
      '0.0',
      '0.25',
      '0.5',
      '0.75',
      '1.0',
    ]);
    expect(await query('go_gc_duration_seconds_count{job="node"}')).toHaveLength(1);
    expect(await query('go_gc_duration_seconds_sum{job="node"}')).toHaveLength(1);
  });

  it('counts in scrape_samples_scraped what the exporter serves', async () => {
    const [scraped] = await query('scrape_samples_scraped{job="node"}');
    const direct = sampleLines(await exporter.metrics()).length;
    // The body is not the same from one fetch to the next (collectors come and go with
    // the host's network devices, file systems and the exporter's own goroutines), and
    // this fetch is not the scrape the stored value came from, so they agree only roughly.
    expect(Math.abs(Number(scraped?.value[1]) - direct)).toBeLessThanOrEqual(direct * 0.05);
  });
});
