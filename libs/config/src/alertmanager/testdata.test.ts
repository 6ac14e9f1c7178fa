// The Alertmanager configuration files under ../shared/conformance/alertmanager (its
// conf.good.yml is the one Alertmanager's own config tests load).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseAlertmanagerConfig } from './load.js';
import type { LoadedAlertmanagerConfig } from './types.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CONFORMANCE = join(ROOT, '..', 'shared', 'conformance', 'alertmanager');

function load(name: string): LoadedAlertmanagerConfig {
  const path = join(CONFORMANCE, name);
  return parseAlertmanagerConfig(readFileSync(path, 'utf8'), path);
}

const CONFORMANCE_FILES = ['conf.good.yml', 'simple.yml', 'route_labels.yml'];

describe('conformance alertmanager files', () => {
  it.each(CONFORMANCE_FILES)('loads %s', (name) => {
    expect(() => load(name)).not.toThrow();
  });

  it('reads conf.good.yml with its globals, tree and integrations', () => {
    const { config, warnings } = load('conf.good.yml');
    expect(config.global.smtpHello).toBe('host.example.org');
    expect(config.templates).toEqual(['/etc/alertmanager/template/*.tmpl']);
    expect(config.route.repeatInterval).toBe(3 * 3_600_000);
    const db = config.route.routes[2]!;
    expect(db.groupBy).toEqual(['alertname', 'cluster', 'database']);
    expect(db.routes[0]).toMatchObject({ receiver: 'team-X-pager', continue: true });
    expect(db.routes[0]!.groupBy).toEqual(['alertname', 'cluster', 'database']);
    expect(String(config.route.routes[0]!.matchers)).toBe('service=~"^(?:^(foo1|foo2|baz)$)$"');
    expect(config.receivers.map((r) => r.unsupported)).toEqual([
      [],
      [],
      [],
      [],
      [],
      ['victorops_configs'],
      ['opsgenie_configs'],
      ['pushover_configs'],
      [],
    ]);
    expect(config.receivers[8]!.slackConfigs[0]!.apiUrl).toEqual({
      inline: 'http://mysecret.example.com/',
    });
    expect(warnings).toHaveLength(4); // three integrations, the global proxy_url
  });

  it('masks every secret of conf.good.yml in JSON', () => {
    const json = JSON.stringify(load('conf.good.yml').config);
    expect(json).not.toContain('mysecret');
    expect(json).toContain('"<secret>"');
  });

  it('resolves route labels down the tree', () => {
    const { route } = load('route_labels.yml').config;
    expect(route.routes[0]!.labels).toEqual({
      reason: 'database {{ .GroupLabels.database }}',
      description: '{{ .GroupLabels.alertname }} firing ({{ routeLabels "reason" }})',
    });
    expect(route.routes[1]!.matchers.map(String)).toEqual([
      'link_a_device=~".+"',
      'link_z_device=~".+"',
    ]);
  });

  it('reads simple.yml with matchers, tracing accepted as unsupported', () => {
    const { config, warnings } = load('simple.yml');
    expect(config.inhibitRules[0]!.sourceMatchers.map(String)).toEqual(['severity="critical"']);
    expect(config.receivers[1]!.pagerdutyConfigs[0]!.serviceKey).toEqual({
      inline: '<team-X-key>',
    });
    expect(warnings).toEqual([expect.stringMatching(/tracing: not supported yet, ignored$/)]);
  });
});
