import { expect } from '@jest/globals';
import { getJson, waitFor } from './harness.js';

/** How many series the test target serves; enough that both shards receive some. */
export const SERIES = 20;

/** The test target's body: one counter per path with value index × 10. */
export function targetBody(): string {
  const lines = ['# HELP e2e_requests_total Requests.', '# TYPE e2e_requests_total counter'];
  for (let i = 0; i < SERIES; i++) lines.push(`e2e_requests_total{path="/p${i}"} ${i * 10}`);
  return lines.join('\n') + '\n';
}

/** A prometheus.yml scraping the target statically and through a file_sd file. */
export function configYaml(target: string, sdFile: string): string {
  return [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    'scrape_configs:',
    '  - job_name: e2e',
    '    static_configs:',
    `      - targets: ['${target}']`,
    '  - job_name: files',
    '    file_sd_configs:',
    `      - files: ['${sdFile}']`,
    '',
  ].join('\n');
}

interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

async function instant(api: string, query: string): Promise<VectorResult[]> {
  const { status, body } = await getJson(`${api}/api/v1/query?query=${encodeURIComponent(query)}`);
  const doc = body as { status: string; data: { resultType: string; result: VectorResult[] } };
  expect(status).toBe(200);
  expect(doc.status).toBe('success');
  expect(doc.data.resultType).toBe('vector');
  return doc.data.result;
}

/**
 * Checks, through the HTTP API only, that what the target serves comes back from the
 * shards merged and correct.
 */
export async function checkPipeline(api: string, target: string): Promise<void> {
  const series = await waitFor('every target series to be queryable', async () => {
    const result = await instant(api, 'e2e_requests_total{job="e2e"}');
    return result.length === SERIES ? result : undefined;
  });
  const byPath = new Map(series.map((s) => [s.metric.path, s]));
  for (let i = 0; i < SERIES; i++) {
    const s = byPath.get(`/p${i}`);
    expect(s?.metric).toEqual({
      __name__: 'e2e_requests_total',
      job: 'e2e',
      instance: target,
      path: `/p${i}`,
    });
    expect(s?.value[1]).toBe(String(i * 10));
  }

  const up = await waitFor('up for both jobs', async () => {
    const result = await instant(api, 'up');
    return result.length === 2 ? result : undefined;
  });
  expect(up.map((s) => [s.metric.job, s.metric.instance, s.value[1]]).sort()).toEqual([
    ['e2e', target, '1'],
    ['files', target, '1'],
  ]);
  expect(up.find((s) => s.metric.job === 'files')?.metric.team).toBe('a');

  const regex = await instant(api, 'e2e_requests_total{path=~"/p1.*", job!="files"}');
  expect(regex.map((s) => s.metric.path).sort()).toEqual(
    ['/p1', ...Array.from({ length: 10 }, (_, i) => `/p1${i}`)].sort(),
  );

  const end = Date.now() / 1000;
  const { status, body } = await getJson(
    `${api}/api/v1/query_range?query=${encodeURIComponent('e2e_requests_total{job="e2e"}')}&start=${end - 5}&end=${end}&step=1`,
  );
  const matrix = body as { data: { resultType: string; result: { values: [number, string][] }[] } };
  expect(status).toBe(200);
  expect(matrix.data.resultType).toBe('matrix');
  expect(matrix.data.result).toHaveLength(SERIES);
  for (const s of matrix.data.result) expect(s.values.length).toBeGreaterThan(0);

  const bad = await getJson(
    `${api}/api/v1/query?query=${encodeURIComponent('e2e_requests_total{')}`,
  );
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ status: 'error', errorType: 'bad_data' });

  await checkSeriesAndLabels(api, target);
}

/** Checks /series, /labels and /label/<name>/values against the target's series, merged over the shards. */
async function checkSeriesAndLabels(api: string, target: string): Promise<void> {
  const selector = encodeURIComponent('e2e_requests_total{job="e2e"}');
  const series = await getJson(`${api}/api/v1/series?match[]=${selector}`);
  expect(series.status).toBe(200);
  const list = (series.body as { data: Record<string, string>[] }).data;
  expect(list).toHaveLength(SERIES);
  expect(list[0]).toEqual({
    __name__: 'e2e_requests_total',
    instance: target,
    job: 'e2e',
    path: '/p0',
  });

  const labels = await getJson(`${api}/api/v1/labels?match[]=${selector}`);
  expect(labels.body).toEqual({ status: 'success', data: ['__name__', 'instance', 'job', 'path'] });

  const jobs = await getJson(`${api}/api/v1/label/job/values`);
  expect(jobs.body).toEqual({ status: 'success', data: ['e2e', 'files'] });

  const limited = await getJson(`${api}/api/v1/label/path/values?limit=3`);
  expect(limited.body).toEqual({
    status: 'success',
    data: ['/p0', '/p1', '/p10'],
    warnings: ['results truncated due to limit'],
  });
}

/** The per-shard sample counters a /metrics page reports. */
export function appendedPerShard(metricsText: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of metricsText.matchAll(
    /^prometheus_tsdb_head_samples_appended_total\{shard="(\d+)",type="float"\} (\S+)$/gm,
  )) {
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}
