import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCluster } from './cluster.js';
import type { Cluster } from './cluster.js';
import { waitFor } from './harness.js';
import { promtool } from './promtool.js';
import { SERIES } from './scenario.js';

/** promtool's instant-vector line: `metric{labels} => value @[unix.ms]`. */
const SAMPLE_LINE = /^(\S+\{.*\}) => (\S+) @\[(\d+\.\d+)\]$/;

const lines = (out: string) => out.split('\n').filter((l) => l !== '');

/** The series text promtool prints for the target's counter /p<i> under job e2e. */
const seriesText = (instance: string, i: number) =>
  `e2e_requests_total{instance="${instance}", job="e2e", path="/p${i}"}`;

describe('promtool query against a running cluster (2 storage shards over NATS)', () => {
  let cluster: Cluster;
  let instance: string;

  beforeAll(async () => {
    cluster = await startCluster();
    instance = cluster.target.address;
    // Every series scraped at least twice, so the range query below has points to show.
    await waitFor('two scrapes of every target series', async () => {
      const out = await promtool(['query', 'instant', cluster.api, 'count_over_time(up[1m]) >= 2']);
      return lines(out).length === 2 ? out : undefined;
    });
  });

  afterAll(async () => {
    const codes = await cluster?.stop();
    for (const c of codes ?? []) expect(c).toEqual({ service: c.service, code: 0 });
  });

  it('query instant prints each series with its scraped value', async () => {
    const out = await promtool(['query', 'instant', cluster.api, 'e2e_requests_total{job="e2e"}']);
    const got = lines(out).map((l) => SAMPLE_LINE.exec(l)?.slice(1, 3) ?? l);
    const want = Array.from({ length: SERIES }, (_, i) => [
      seriesText(instance, i),
      String(i * 10),
    ]);
    expect(got.sort()).toEqual(want.sort());

    const up = await promtool(['query', 'instant', cluster.api, 'up']);
    expect(lines(up).map((l) => SAMPLE_LINE.exec(l)?.slice(1, 3) ?? l)).toEqual([
      [`up{instance="${instance}", job="e2e"}`, '1'],
      [`up{instance="${instance}", job="files", team="a"}`, '1'],
    ]);
  });

  it('query range prints each series followed by its points', async () => {
    const end = Date.now() / 1000;
    const expr = 'e2e_requests_total{job="e2e", path=~"/p1[0-2]"}';
    const args = [`--start=${end - 10}`, `--end=${end}`, '--step=1s', cluster.api, expr];
    const out = lines(await promtool(['query', 'range', ...args]));
    const headers = out.filter((l) => l.endsWith(' =>'));
    expect(headers).toEqual([10, 11, 12].map((i) => `${seriesText(instance, i)} =>`));
    let current = '';
    const points = new Map<string, string[]>();
    for (const l of out) {
      if (l.endsWith(' =>')) current = l;
      else points.set(current, [...(points.get(current) ?? []), l]);
    }
    for (const i of [10, 11, 12]) {
      const got = points.get(`${seriesText(instance, i)} =>`) ?? [];
      expect(got.length).toBeGreaterThanOrEqual(2);
      for (const p of got) expect(p).toMatch(new RegExp(`^${i * 10} @\\[\\d+\\.\\d+\\]$`));
    }
  });

  it('query series lists the matching series from both shards', async () => {
    const match = '--match=e2e_requests_total{path=~"/p1.?", job="e2e"}';
    const out = await promtool(['query', 'series', match, cluster.api]);
    const paths = [1, ...Array.from({ length: 10 }, (_, i) => 10 + i)];
    expect(lines(out).sort()).toEqual(
      paths
        .map(
          (i) =>
            `{__name__="e2e_requests_total", instance="${instance}", job="e2e", path="/p${i}"}`,
        )
        .sort(),
    );
  });

  it('query labels lists a label name’s values', async () => {
    expect(lines(await promtool(['query', 'labels', cluster.api, 'job']))).toEqual([
      'e2e',
      'files',
    ]);
    expect(lines(await promtool(['query', 'labels', cluster.api, 'team']))).toEqual(['a']);
  });

  it('a bad expression makes promtool fail with the server’s error', async () => {
    await expect(
      promtool(['query', 'instant', cluster.api, 'e2e_requests_total{']),
    ).rejects.toMatchObject({ code: 'PROMTOOL_FAILED' });
  });

  it('a missing promtool fails with a message saying to install it', async () => {
    await expect(promtool(['--version'], '/nonexistent/promtool')).rejects.toThrow(
      /not found: install Debian's prometheus package/,
    );
  });
});
