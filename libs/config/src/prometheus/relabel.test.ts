import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../errors.js';
import { parsePrometheusConfig } from './load.js';

function failure(text: string): string {
  try {
    parsePrometheusConfig(text, 'prometheus.yml');
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const job = (rules: string): string => `scrape_configs:\n  - job_name: a\n${rules}`;

describe('relabel_configs and metric_relabel_configs', () => {
  it('decodes every field, defaults applied', () => {
    const text = job(`    relabel_configs:
      - source_labels: [__meta_a, __meta_b]
        separator: ','
        regex: (.+),(.+)
        target_label: __address__
        replacement: $1:$2
      - source_labels: [__address__]
        modulus: 4
        target_label: __tmp_shard
        action: HashMod
    metric_relabel_configs:
      - regex: go_.*
        action: labeldrop
`);
    const { config, warnings } = parsePrometheusConfig(text, 'prometheus.yml');
    const [scrape] = config.scrapeConfigs;
    expect(warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(scrape?.relabelConfigs))).toEqual([
      {
        sourceLabels: ['__meta_a', '__meta_b'],
        separator: ',',
        regex: '(.+),(.+)',
        modulus: 0,
        targetLabel: '__address__',
        replacement: '$1:$2',
        action: 'replace',
      },
      {
        sourceLabels: ['__address__'],
        separator: ';',
        regex: '(.*)',
        modulus: 4,
        targetLabel: '__tmp_shard',
        replacement: '$1',
        action: 'hashmod',
      },
    ]);
    expect(scrape?.metricRelabelConfigs.map((r) => [r.action, r.regex.source])).toEqual([
      ['labeldrop', 'go_.*'],
    ]);
  });

  it('defaults both to no rules', () => {
    const { config } = parsePrometheusConfig(job(''), 'prometheus.yml');
    expect(config.scrapeConfigs[0]).toMatchObject({ relabelConfigs: [], metricRelabelConfigs: [] });
  });

  it.each([
    [
      'an unknown action',
      '    relabel_configs:\n      - action: rename\n',
      'prometheus.yml:4:17: scrape_configs[0].relabel_configs[0].action: unknown relabel action "rename"',
    ],
    [
      'a regex RE2 rejects',
      '    metric_relabel_configs:\n      - {regex: "(a", action: drop}\n',
      'prometheus.yml:4:17: scrape_configs[0].metric_relabel_configs[0].regex: invalid regular expression "(a": missing ): ^(?:(a)$',
    ],
    [
      'a missing target label, at the rule',
      '    relabel_configs:\n      - source_labels: [a]\n',
      "prometheus.yml:4:9: scrape_configs[0].relabel_configs[0].target_label: relabel configuration for replace action requires 'target_label' value",
    ],
    [
      'an invalid target label',
      '    relabel_configs:\n      - target_label: a-b\n',
      'prometheus.yml:4:23: scrape_configs[0].relabel_configs[0].target_label: "a-b" is invalid \'target_label\' for replace action',
    ],
    [
      'a field labeldrop does not take',
      '    metric_relabel_configs:\n      - regex: a\n        action: labeldrop\n        separator: ","\n',
      "prometheus.yml:6:20: scrape_configs[0].metric_relabel_configs[0].separator: labeldrop action requires only 'regex', and no other fields",
    ],
    [
      'an invalid source label',
      '    relabel_configs:\n      - source_labels: [ok, not-ok]\n        target_label: x\n',
      'prometheus.yml:4:29: scrape_configs[0].relabel_configs[0].source_labels[1]: "not-ok" is not a valid label name',
    ],
    [
      'a negative modulus',
      '    relabel_configs:\n      - {action: hashmod, target_label: x, modulus: -1}\n',
      'prometheus.yml:4:53: scrape_configs[0].relabel_configs[0].modulus: expected a non-negative integer up to 2^53-1, got "-1"',
    ],
    [
      'a null target rule',
      '    relabel_configs:\n      -\n',
      'prometheus.yml:4:8: scrape_configs[0].relabel_configs[0]: empty or null target relabeling rule in scrape config',
    ],
    [
      'a null metric rule',
      '    metric_relabel_configs:\n      - {action: drop}\n      -\n',
      'prometheus.yml:5:8: scrape_configs[0].metric_relabel_configs[1]: empty or null metric relabeling rule in scrape config',
    ],
    [
      'an unknown field',
      '    relabel_configs:\n      - target: x\n',
      'prometheus.yml:4:9: scrape_configs[0].relabel_configs[0].target: unknown field',
    ],
  ])('reports %s', (_name, rules, message) => {
    expect(failure(job(rules))).toBe(message);
  });
});
