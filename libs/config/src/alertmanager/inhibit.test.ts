import { describe, expect, it } from '@jest/globals';
import { RECEIVERS, ROUTE, failure, load } from './test-helpers.js';

describe('inhibit rules', () => {
  it('builds inhibit rules from every matcher syntax', () => {
    const { inhibitRules } = load(`${ROUTE}${RECEIVERS}inhibit_rules:
  - name: crit
    source_match: {severity: critical, a: b}
    source_matchers: ['x=~"y"']
    target_match_re: {severity: 'warn.*'}
    target_matchers: ['{z!="1"}']
    equal: [alertname, 'cluster name']
`);
    expect(inhibitRules).toHaveLength(1);
    const [rule] = inhibitRules;
    expect(rule!.name).toBe('crit');
    expect(rule!.sourceMatchers.map(String)).toEqual(['a="b"', 'severity="critical"', 'x=~"y"']);
    expect(rule!.targetMatchers.map(String)).toEqual(['severity=~"^(?:warn.*)$"', 'z!="1"']);
    expect(rule!.equal).toEqual(['alertname', 'cluster name']);
  });

  it.each([
    ['inhibit_rules: [{equal: [""]}]', 'equal[0]: invalid label name "" in equal list'],
    [
      'inhibit_rules: [{source_match_re: {invalid_source_label: }}]',
      'invalid regexp value for "invalid_source_label"',
    ],
    ['inhibit_rules: [{target_match: {"a-b": x}}]', 'invalid label name "a-b"'],
  ])('refuses %s', (section, message) => {
    expect(failure(`${ROUTE}${RECEIVERS}${section}\n`)).toContain(message);
  });
});
