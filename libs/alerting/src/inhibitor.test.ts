import { describe, expect, it } from '@jest/globals';
import { parseAlertmanagerConfig } from '@promethium/config';
import { fingerprint } from './fingerprint.js';
import { Inhibitor } from './inhibitor.js';
import { Marker } from './marker.js';
import { testAlert } from './test-alerts.js';

const T = 1_700_000_000_000;
const CONFIG = `
route: {receiver: r}
receivers: [{name: r}]
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity=~"warning|critical"']
    equal: [cluster]
`;

function setup() {
  const marker = new Marker();
  const rules = parseAlertmanagerConfig(CONFIG, 'am.yml').config.inhibitRules;
  return { marker, inhibitor: new Inhibitor(rules, marker) };
}

describe('Inhibitor', () => {
  it('mutes targets with equal labels while a source fires, and marks them', () => {
    const { inhibitor, marker } = setup();
    const source = testAlert(
      { alertname: 'Down', severity: 'critical', cluster: 'a' },
      T,
      T + 1000,
    );
    inhibitor.observe(source, fingerprint(source.labels));
    const target = { alertname: 'Slow', severity: 'warning', cluster: 'a' };
    expect(inhibitor.mutes(target, T)).toBe(true);
    expect(marker.status(fingerprint(target))).toEqual({
      state: 'suppressed',
      silencedBy: [],
      inhibitedBy: [fingerprint(source.labels)],
    });
    expect(inhibitor.mutes({ ...target, cluster: 'b' }, T)).toBe(false);
    expect(inhibitor.mutes({ alertname: 'Other', cluster: 'a' }, T)).toBe(false);
    expect(inhibitor.mutes(target, T + 1000)).toBe(false);
    expect(marker.status(fingerprint(target)).state).toBe('active');
  });

  it('does not let an alert matching both sides inhibit itself or its like', () => {
    const { inhibitor } = setup();
    const a = testAlert({ alertname: 'Down', severity: 'critical', cluster: 'a' }, T);
    inhibitor.observe(a, fingerprint(a.labels));
    expect(inhibitor.mutes(a.labels, T)).toBe(false);
    expect(inhibitor.mutes({ ...a.labels, alertname: 'Also' }, T)).toBe(false);
    expect(inhibitor.mutes({ ...a.labels, severity: 'warning' }, T)).toBe(true);
  });

  it('forgets sources that stop matching or resolve', () => {
    const { inhibitor } = setup();
    const labels = { alertname: 'Down', severity: 'critical', cluster: 'a' };
    inhibitor.observe(testAlert(labels, T, T + 10), fingerprint(labels));
    inhibitor.gc(T + 10);
    inhibitor.observe(
      testAlert({ ...labels, alertname: 'X' }, T),
      fingerprint({ ...labels, alertname: 'X' }),
    );
    inhibitor.observe(
      testAlert({ ...labels, alertname: 'X', severity: 'info' }, T),
      fingerprint({ ...labels, alertname: 'X' }),
    );
    expect(inhibitor.mutes({ severity: 'warning', cluster: 'a' }, T)).toBe(false);
  });
});
