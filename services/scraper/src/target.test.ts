import { describe, expect, it } from '@jest/globals';
import { parsePrometheusConfig } from '@promethium/config';
import { targetsFromGroups } from './target.js';

const job = parsePrometheusConfig(
  `scrape_configs:
  - job_name: node
    metrics_path: /probe
    params: { module: [http_2xx] }
`,
  'p.yml',
).config.scrapeConfigs[0]!;

describe('targetsFromGroups', () => {
  it('layers target labels over group labels and adds job and instance', () => {
    const {
      active: [target],
    } = targetsFromGroups(
      job,
      [
        {
          source: '0',
          targets: [{ __address__: 'h:9100', zone: 'b' }],
          labels: { zone: 'a', env: 'prod', __meta_x: 'y' },
        },
      ],
      () => undefined,
    );
    expect(target?.url).toBe('http://h:9100/probe?module=http_2xx');
    expect(target?.labels.toRecord()).toEqual({
      env: 'prod',
      instance: 'h:9100',
      job: 'node',
      zone: 'b',
    });
    expect(target?.discoveredLabels.toRecord()).toMatchObject({
      __address__: 'h:9100',
      __meta_x: 'y',
      __metrics_path__: '/probe',
      __param_module: 'http_2xx',
      job: 'node',
    });
  });

  it('keeps an instance label that discovery set', () => {
    const {
      active: [target],
    } = targetsFromGroups(
      job,
      [{ source: '0', targets: [{ __address__: 'h:1', instance: 'web' }], labels: {} }],
      () => undefined,
    );
    expect(target?.labels.get('instance')).toBe('web');
  });

  it('skips invalid addresses and reports them', () => {
    const invalid: string[] = [];
    const { active: targets } = targetsFromGroups(
      job,
      [
        {
          source: '0',
          targets: [{ __address__: 'http://h:1/x' }, { __address__: '' }, { __address__: 'ok:1' }],
          labels: {},
        },
      ],
      (address) => invalid.push(address),
    );
    expect(targets.map((t) => t.labels.get('instance'))).toEqual(['ok:1']);
    expect(invalid).toEqual(['http://h:1/x', '']);
  });

  it('deduplicates identical targets from different groups', () => {
    const group = { targets: [{ __address__: 'h:1' }], labels: {} };
    expect(
      targetsFromGroups(
        job,
        [
          { source: '0', ...group },
          { source: '1', ...group },
        ],
        () => undefined,
      ).active,
    ).toHaveLength(1);
  });

  describe('with relabel_configs', () => {
    const relabeled = parsePrometheusConfig(
      `scrape_configs:
  - job_name: blackbox
    scrape_interval: 30s
    params: { module: [http_2xx] }
    relabel_configs:
      - source_labels: [__meta_env]
        regex: dev
        action: drop
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: prober:9115
      - target_label: __metrics_path__
        replacement: /probe
      - source_labels: [__meta_interval]
        regex: (.+)
        target_label: __scrape_interval__
`,
      'p.yml',
    ).config.scrapeConfigs[0]!;
    const run = (targets: Record<string, string>[], labels: Record<string, string> = {}) => {
      const invalid: [string, string][] = [];
      const out = targetsFromGroups(relabeled, [{ source: '0', targets, labels }], (a, r) =>
        invalid.push([a, r]),
      );
      return { out, invalid };
    };

    it('rewrites address, path, params and labels, and drops __meta_ labels', () => {
      const { out, invalid } = run([{ __address__: 'example.org:443', __meta_env: 'prod' }], {
        team: 'a',
      });
      expect(invalid).toEqual([]);
      expect(out.active).toHaveLength(1);
      expect(out.active[0]!.url).toBe(
        'http://prober:9115/probe?module=http_2xx&target=example.org%3A443',
      );
      expect(out.active[0]!.labels.toRecord()).toEqual({
        instance: 'example.org:443',
        job: 'blackbox',
        team: 'a',
      });
      expect(out.active[0]!.intervalMs).toBe(30_000);
      expect(out.active[0]!.timeoutMs).toBe(10_000);
    });

    it('keeps the discovered labels of targets a rule drops', () => {
      const { out } = run([{ __address__: 'a:1', __meta_env: 'dev' }]);
      expect(out.active).toEqual([]);
      expect(out.dropped.map((l) => l.toRecord())).toEqual([
        expect.objectContaining({ __address__: 'a:1', __meta_env: 'dev', job: 'blackbox' }),
      ]);
    });

    it('takes the interval from __scrape_interval__ and reports one it cannot use', () => {
      const { out, invalid } = run([
        { __address__: 'a:1', __meta_interval: '1m' },
        { __address__: 'b:1', __meta_interval: 'soon' },
        { __address__: 'c:1', __meta_interval: '5s' },
      ]);
      expect(out.active.map((t) => t.intervalMs)).toEqual([60_000]);
      expect(invalid).toEqual([
        ['prober:9115', 'error parsing scrape interval: not a valid duration string: "soon"'],
        ['prober:9115', 'scrape timeout cannot be greater than scrape interval ("10s" > "5s")'],
      ]);
    });
  });
});
