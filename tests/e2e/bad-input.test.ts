import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Service, freePort, getJson, waitFor } from './harness.js';
import { startTarget } from './target.js';
import type { TestTarget } from './target.js';

const metric = (text: string, name: string, labels = ''): number | undefined => {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name}{`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('bad input never stops the service', () => {
  let dir: string;
  let good: TestTarget;
  let garbage: TestTarget;
  let closedPort: number;
  let port: number;
  let all: Service;
  let configFile: string;
  const api = () => `http://127.0.0.1:${port}`;

  const config = (extra = '') =>
    [
      'global: { scrape_interval: 1s, scrape_timeout: 1s }',
      'scrape_configs:',
      '  - job_name: good',
      `    static_configs: [{ targets: ['${good.address}'] }]`,
      '  - job_name: garbage',
      `    static_configs: [{ targets: ['${garbage.address}'] }]`,
      '  - job_name: unreachable',
      `    static_configs: [{ targets: ['127.0.0.1:${closedPort}'] }]`,
      extra,
    ].join('\n');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promethium-bad-'));
    good = await startTarget('good_total 7\n');
    garbage = await startTarget('<html><body>this is not the text format</body></html>\n');
    closedPort = await freePort();
    port = await freePort();
    configFile = join(dir, 'prometheus.yml');
    await writeFile(configFile, config());
    all = new Service('all', [
      'all',
      `--config.file=${configFile}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
    ]);
  });

  afterAll(async () => {
    expect(await all.stop()).toBe(0);
    await good.close();
    await garbage.close();
    await rm(dir, { recursive: true, force: true });
  });

  const up = async () => {
    const { body } = await getJson(`${api()}/api/v1/query?query=up`);
    const result = (
      body as { data: { result: { metric: { job: string }; value: [number, string] }[] } }
    ).data.result;
    return new Map(result.map((r) => [r.metric.job, r.value[1]]));
  };

  it('reports up=0 for an unreachable target and a body that is not the text format', async () => {
    const jobs = await waitFor('up for all three jobs', async () => {
      const m = await up();
      return m.size === 3 ? m : undefined;
    });
    expect(Object.fromEntries(jobs)).toEqual({ good: '1', garbage: '0', unreachable: '0' });
    const metrics = await (await fetch(`${api()}/metrics`)).text();
    expect(
      metric(metrics, 'promethium_scrapes_total', '{job="garbage",result="parse"}'),
    ).toBeGreaterThan(0);
    expect(
      metric(metrics, 'promethium_scrapes_total', '{job="unreachable",result="http"}'),
    ).toBeGreaterThan(0);
    expect(all.output.join('')).toMatch(/scrape failed.*garbage|garbage.*scrape failed/);
  });

  it('keeps the running configuration when a reload finds a malformed file', async () => {
    const status = async () => {
      const info = (await getJson(`${api()}/api/v1/status/runtimeinfo`)).body as {
        data: { reloadConfigSuccess: boolean; lastConfigTime: string };
      };
      const loaded = (await getJson(`${api()}/api/v1/status/config`)).body as {
        data: { yaml: string };
      };
      const { reloadConfigSuccess, lastConfigTime } = info.data;
      return { reloadConfigSuccess, lastConfigTime, yaml: loaded.data.yaml };
    };
    const atStart = await status();
    expect(atStart).toMatchObject({ reloadConfigSuccess: true, yaml: config() });

    await writeFile(configFile, config('  - job_name: broken\n    scrape_intervl: 5s\n'));
    const res = await fetch(`${api()}/-/reload`, { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain(
      'prometheus.yml:10:5: scrape_configs[3].scrape_intervl: unknown field',
    );
    const metrics = await (await fetch(`${api()}/metrics`)).text();
    expect(metric(metrics, 'promethium_config_last_reload_successful')).toBe(0);
    expect((await up()).get('good')).toBe('1');
    // The status shows the configuration still loaded, not the file as it now stands.
    expect(await status()).toEqual({ ...atStart, reloadConfigSuccess: false });

    await writeFile(configFile, config('# reloaded'));
    expect((await fetch(`${api()}/-/reload`, { method: 'POST' })).status).toBe(200);
    const after = await (await fetch(`${api()}/metrics`)).text();
    expect(metric(after, 'promethium_config_last_reload_successful')).toBe(1);
    const reloaded = await status();
    expect(reloaded).toMatchObject({ reloadConfigSuccess: true, yaml: config('# reloaded') });
    expect(Date.parse(reloaded.lastConfigTime)).toBe(
      Math.floor(Number(metric(after, 'promethium_config_last_reload_success_timestamp_seconds'))) *
        1000,
    );
  });

  it('answers malformed queries with Prometheus error JSON', async () => {
    const bad = await getJson(`${api()}/api/v1/query?query=${encodeURIComponent('up{job=~"("}')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 'error', errorType: 'bad_data' });
    const noQuery = await getJson(`${api()}/api/v1/query_range?query=up&start=10&end=5&step=1`);
    expect(noQuery.body).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid parameter "end": end timestamp must not be before start time',
    });
  });
});

describe('a malformed configuration at start', () => {
  it('exits 1 naming the file, line and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'promethium-badcfg-'));
    try {
      const file = join(dir, 'prometheus.yml');
      await writeFile(file, 'global:\n  scrape_interval: 1x\n');
      const service = new Service('discovery', [
        'discovery',
        `--config.file=${file}`,
        '--web.listen-address=127.0.0.1:0',
      ]);
      const code = await waitFor('exit', async () => service.exitCode());
      expect(code).toBe(1);
      expect(service.output.join('')).toContain('prometheus.yml:2:20: global.scrape_interval');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
