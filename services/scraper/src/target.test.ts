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
    const [target] = targetsFromGroups(
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
  });

  it('keeps an instance label that discovery set', () => {
    const [target] = targetsFromGroups(
      job,
      [{ source: '0', targets: [{ __address__: 'h:1', instance: 'web' }], labels: {} }],
      () => undefined,
    );
    expect(target?.labels.get('instance')).toBe('web');
  });

  it('skips invalid addresses and reports them', () => {
    const invalid: string[] = [];
    const targets = targetsFromGroups(
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
      ),
    ).toHaveLength(1);
  });
});
