import { describe, expect, it } from '@jest/globals';
import { InvalidRelabelConfigError, type RelabelConfigSpec, newRelabelConfig } from './config.js';

function problem(spec: RelabelConfigSpec): [string, string] {
  try {
    newRelabelConfig(spec);
  } catch (err) {
    if (err instanceof InvalidRelabelConfigError) return [err.field, err.message];
    throw err;
  }
  throw new Error('expected an InvalidRelabelConfigError');
}

describe('newRelabelConfig', () => {
  it('applies Prometheus defaults', () => {
    const c = newRelabelConfig({ targetLabel: 'x' });
    expect(c).toMatchObject({
      sourceLabels: [],
      separator: ';',
      modulus: 0,
      targetLabel: 'x',
      replacement: '$1',
      action: 'replace',
    });
    expect(c.regex.source).toBe('(.*)');
  });

  it('reads the action case-insensitively', () => {
    expect(newRelabelConfig({ regex: 'a', action: 'LabelDrop' }).action).toBe('labeldrop');
  });

  it.each<[string, RelabelConfigSpec, string, string]>([
    ['an unknown action', { action: 'rename' }, 'action', 'unknown relabel action "rename"'],
    [
      'a regex RE2 rejects',
      { regex: '(a', targetLabel: 'x' },
      'regex',
      'invalid regular expression "(a": missing ): ^(?:(a)$',
    ],
    [
      'hashmod without modulus',
      { action: 'hashmod', targetLabel: 'x' },
      'modulus',
      'relabel configuration for hashmod requires non-zero modulus',
    ],
    [
      'hashmod without target',
      { action: 'hashmod', modulus: 2 },
      'targetLabel',
      "relabel configuration for hashmod action requires 'target_label' value",
    ],
    [
      'hashmod with an invalid target',
      { action: 'hashmod', modulus: 2, targetLabel: '$1' },
      'targetLabel',
      `"$1" is invalid 'target_label' for hashmod action`,
    ],
    [
      'replace without target',
      { sourceLabels: ['a'] },
      'targetLabel',
      "relabel configuration for replace action requires 'target_label' value",
    ],
    [
      'replace with an invalid target',
      { targetLabel: 'a-b' },
      'targetLabel',
      `"a-b" is invalid 'target_label' for replace action`,
    ],
    [
      'replace with an invalid target template',
      { targetLabel: '${1}-x' },
      'targetLabel',
      `"\${1}-x" is invalid 'target_label' for replace action`,
    ],
    [
      'lowercase without target',
      { action: 'lowercase' },
      'targetLabel',
      "relabel configuration for lowercase action requires 'target_label' value",
    ],
    [
      'uppercase with a template target',
      { action: 'uppercase', targetLabel: '$1' },
      'targetLabel',
      `"$1" is invalid 'target_label' for uppercase action`,
    ],
    [
      'lowercase with a replacement',
      { action: 'lowercase', targetLabel: 'x', replacement: 'y' },
      'replacement',
      "'replacement' can not be set for lowercase action",
    ],
    [
      'keepequal without target',
      { action: 'keepequal', sourceLabels: ['a'] },
      'targetLabel',
      "relabel configuration for keepequal action requires 'target_label' value",
    ],
    [
      'keepequal with a regex, even the default',
      { action: 'keepequal', targetLabel: 'x', regex: '(.*)' },
      'regex',
      "keepequal action requires only 'source_labels' and `target_label`, and no other fields",
    ],
    [
      'dropequal with a separator',
      { action: 'dropequal', targetLabel: 'x', separator: ',' },
      'separator',
      "dropequal action requires only 'source_labels' and `target_label`, and no other fields",
    ],
    [
      'dropequal with a modulus',
      { action: 'dropequal', targetLabel: 'x', modulus: 3 },
      'modulus',
      "dropequal action requires only 'source_labels' and `target_label`, and no other fields",
    ],
    [
      'labelmap with an invalid replacement',
      { action: 'labelmap', replacement: 'a.$1' },
      'replacement',
      `"a.$1" is invalid 'replacement' for labelmap action`,
    ],
    [
      'labeldrop with source labels',
      { action: 'labeldrop', regex: 'a', sourceLabels: [] },
      'sourceLabels',
      "labeldrop action requires only 'regex', and no other fields",
    ],
    [
      'labelkeep with a target',
      { action: 'labelkeep', regex: 'a', targetLabel: 'x' },
      'targetLabel',
      "labelkeep action requires only 'regex', and no other fields",
    ],
    [
      'labelkeep with a replacement',
      { action: 'labelkeep', replacement: 'x' },
      'replacement',
      "labelkeep action requires only 'regex', and no other fields",
    ],
  ])('refuses %s', (_name, spec, field, message) => {
    expect(problem(spec)).toEqual([field, message]);
  });

  it.each<[string, RelabelConfigSpec]>([
    ['a replace target built from groups', { targetLabel: 'x_${1}_$name' }],
    [
      'a labelmap replacement with groups',
      { action: 'labelmap', regex: '__meta_(.+)', replacement: 'k_$1' },
    ],
    [
      'keepequal with only its fields',
      { action: 'keepequal', sourceLabels: ['a'], targetLabel: 'b' },
    ],
    ['labeldrop with only a regex', { action: 'labeldrop', regex: '__tmp_.*' }],
    ['drop with no fields at all', { action: 'drop' }],
  ])('accepts %s', (_name, spec) => {
    expect(() => newRelabelConfig(spec)).not.toThrow();
  });
});
