import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { getJson, waitFor } from './harness.js';
import { instantVector, startOneJob } from './one-job.js';
import type { OneJob, VectorSample } from './one-job.js';

const DURATIONS = [0.0625, 0.25, 0.75, 1, 3, 8];
// Cumulative counts of DURATIONS per bucket, keyed by `le` as Prometheus 3 stores it:
// prom-client writes le="1" and le="5", which Prometheus 3 normalises to "1.0" and "5.0".
const BUCKETS = { '0.1': 1, '0.5': 2, '1.0': 4, '2.5': 4, '5.0': 5, '+Inf': 6 };

/** A prom-client registry with one metric of each type, observed with known values. */
function clientRegistry() {
  const registry = new Registry();
  const requests = new Counter({
    name: 'app_requests_total',
    help: 'Requests handled.',
    labelNames: ['method', 'code'],
    registers: [registry],
  });
  requests.inc({ method: 'GET', code: '200' }, 5);
  requests.inc({ method: 'POST', code: '500' }, 2);
  new Gauge({ name: 'app_queue_depth', help: 'Jobs waiting.', registers: [registry] }).set(7);
  const durations = new Histogram({
    name: 'app_request_duration_seconds',
    help: 'Request durations.',
    buckets: [0.1, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  for (const d of DURATIONS) durations.observe(d);
  const payloads = new Summary({
    name: 'app_payload_bytes',
    help: 'Payload sizes.',
    percentiles: [0.5, 0.9, 1],
    registers: [registry],
  });
  for (let i = 1; i <= 10; i++) payloads.observe(i * 100);
  return { registry, durations, payloads };
}

/** Serves the registry on /metrics of a loopback port, as an instrumented service would. */
async function serve(registry: Registry): Promise<{ address: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { address: `127.0.0.1:${port}`, server };
}

const byLabel = (samples: VectorSample[], label: string) =>
  Object.fromEntries(samples.map((s) => [s.metric[label], Number(s.value[1])]));

describe('a prom-client exposition scraped by promethium all', () => {
  const client = clientRegistry();
  let server: Server;
  let address: string;
  let promethium: OneJob;
  const query = (expr: string) => instantVector(promethium.api, expr);

  beforeAll(async () => {
    ({ server, address } = await serve(client.registry));
    promethium = await startOneJob('app', address);
    await waitFor('the first scrape of job app', async () => {
      const result = await query('app_request_duration_seconds_count');
      return result.length > 0 ? result : undefined;
    }).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${promethium.service.tail()}`);
    });
  });

  afterAll(async () => {
    const code = await promethium?.stop();
    await new Promise((resolve) => server?.close(resolve));
    expect(code).toBe(0);
  });

  it('stores the labelled counter and the gauge', async () => {
    const requests = await query('app_requests_total');
    const series = (method: string, code: string) => ({
      __name__: 'app_requests_total',
      job: 'app',
      instance: address,
      method,
      code,
    });
    const byMethod = requests.sort((a, b) => a.metric.method!.localeCompare(b.metric.method!));
    expect(byMethod.map((s) => [s.metric, s.value[1]])).toEqual([
      [series('GET', '200'), '5'],
      [series('POST', '500'), '2'],
    ]);
    const [depth] = await query('app_queue_depth');
    expect(depth?.value[1]).toBe('7');
  });

  it('stores every histogram bucket under its normalised le, with _sum and _count', async () => {
    const buckets = await query('app_request_duration_seconds_bucket{job="app"}');
    expect(byLabel(buckets, 'le')).toEqual(BUCKETS);
    const [sum] = await query('app_request_duration_seconds_sum');
    expect(Number(sum?.value[1])).toBe(DURATIONS.reduce((a, b) => a + b));
    const [count] = await query('app_request_duration_seconds_count');
    expect(Number(count?.value[1])).toBe(DURATIONS.length);
  });

  it('stores every summary quantile under its normalised label, with _sum and _count', async () => {
    const values = (await client.payloads.get()).values;
    const quantiles = await query('app_payload_bytes{job="app"}');
    expect(byLabel(quantiles, 'quantile')).toEqual({
      '0.5': values.find((v) => v.labels.quantile === 0.5)?.value,
      '0.9': values.find((v) => v.labels.quantile === 0.9)?.value,
      '1.0': values.find((v) => v.labels.quantile === 1)?.value,
    });
    expect(Number((await query('app_payload_bytes_sum'))[0]?.value[1])).toBe(5500);
    expect(Number((await query('app_payload_bytes_count'))[0]?.value[1])).toBe(10);
  });

  it('reports each family’s TYPE and HELP through /api/v1/metadata', async () => {
    const { status, body } = await getJson(`${promethium.api}/api/v1/metadata`);
    expect(status).toBe(200);
    const metadata = (body as { data: Record<string, unknown> }).data;
    expect(metadata).toEqual({
      app_requests_total: [{ type: 'counter', help: 'Requests handled.', unit: '' }],
      app_queue_depth: [{ type: 'gauge', help: 'Jobs waiting.', unit: '' }],
      app_request_duration_seconds: [{ type: 'histogram', help: 'Request durations.', unit: '' }],
      app_payload_bytes: [{ type: 'summary', help: 'Payload sizes.', unit: '' }],
    });
  });

  it('answers histogram_quantile over the rate of the buckets', async () => {
    // A second, identical round of observations: every bucket's increase is then its
    // first count again, so the rate keeps the buckets' proportions and the median is
    // interpolated inside (0.5, 1]: 0.5 + 0.5 × (3 − 2) / (4 − 2) = 0.75.
    for (const d of DURATIONS) client.durations.observe(d);
    const expr = 'histogram_quantile(0.5, rate(app_request_duration_seconds_bucket[1m]))';
    const [median] = await waitFor('a non-zero rate of the buckets', async () => {
      const result = await query(expr);
      return result.length === 1 && result[0]!.value[1] !== 'NaN' ? result : undefined;
    });
    expect(median?.metric).toEqual({ job: 'app', instance: address });
    expect(Number(median?.value[1])).toBeCloseTo(0.75, 9);
  });
});
