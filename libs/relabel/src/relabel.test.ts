import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { type RelabelConfigSpec, newRelabelConfig } from './config.js';
import { relabel } from './relabel.js';

interface Case {
  readonly input: Record<string, string>;
  readonly rules: readonly RelabelConfigSpec[];
  /** The resulting labels, or 'dropped'. */
  readonly want: Record<string, string> | 'dropped';
}

function run({ input, rules }: Case): Record<string, string> | 'dropped' {
  const out = relabel(Labels.fromRecord(input), rules.map(newRelabelConfig));
  return out === undefined ? 'dropped' : out.toRecord();
}

const ABC = { a: 'foo', b: 'bar', c: 'baz' };
const PORTS = { __tmp_port: '1234', __port1: '1234', __port2: '5678' };

const cases: Record<string, Record<string, Case>> = {
  replace: {
    'copies a source with the default regex and replacement': {
      input: { a: 'foo' },
      rules: [{ sourceLabels: ['a'], targetLabel: 'b' }],
      want: { a: 'foo', b: 'foo' },
    },
    'expands ${1} in the replacement': {
      input: ABC,
      rules: [
        { sourceLabels: ['a'], regex: 'f(.*)', targetLabel: 'd', replacement: 'ch${1}-ch${1}' },
      ],
      want: { ...ABC, d: 'choo-choo' },
    },
    'joins sources with the separator, and later rules see earlier results': {
      input: ABC,
      rules: [
        {
          sourceLabels: ['a', 'b'],
          regex: 'f(.*);(.*)r',
          targetLabel: 'a',
          replacement: 'b${1}${2}m',
        },
        {
          sourceLabels: ['c', 'a'],
          regex: '(b).*b(.*)ba(.*)',
          targetLabel: 'd',
          replacement: '$1$2$2$3',
        },
      ],
      want: { a: 'boobam', b: 'bar', c: 'baz', d: 'boooom' },
    },
    'uses a custom separator': {
      input: { a: 'x', b: 'y' },
      rules: [{ sourceLabels: ['a', 'b'], separator: '/', targetLabel: 'ab' }],
      want: { a: 'x', b: 'y', ab: 'x/y' },
    },
    'takes an absent source label as empty': {
      input: { a: 'x' },
      rules: [{ sourceLabels: ['missing', 'a'], targetLabel: 'b' }],
      want: { a: 'x', b: ';x' },
    },
    'sets a constant when the regex matches the empty value': {
      input: { a: 'x' },
      rules: [{ targetLabel: 'env', replacement: 'prod' }],
      want: { a: 'x', env: 'prod' },
    },
    'changes nothing when the regex does not match': {
      input: { a: 'boo' },
      rules: [{ sourceLabels: ['a'], regex: 'f', targetLabel: 'b', replacement: 'bar' }],
      want: { a: 'boo' },
    },
    'anchors the regex at both ends': {
      input: { a: 'foo' },
      rules: [{ sourceLabels: ['a'], regex: 'o', targetLabel: 'b' }],
      want: { a: 'foo' },
    },
    'lets . match a newline': {
      input: { a: 'line1\nline2' },
      rules: [
        { sourceLabels: ['a'], regex: 'line1.*line2', targetLabel: 'd', replacement: 'match${1}' },
      ],
      want: { a: 'line1\nline2', d: 'match' },
    },
    'deletes the target when the replacement expands to nothing': {
      input: { a: 'foo', f: 'baz' },
      rules: [{ sourceLabels: ['a'], regex: '(f).*', targetLabel: '$1', replacement: '$2' }],
      want: { a: 'foo' },
    },
    'reads $1x as the (missing) group named 1x': {
      input: { a: 'foo', b: 'old' },
      rules: [{ sourceLabels: ['a'], targetLabel: 'b', replacement: '$1x' }],
      want: { a: 'foo' },
    },
    'expands $$ to a dollar': {
      input: { a: 'foo' },
      rules: [{ sourceLabels: ['a'], targetLabel: 'b', replacement: '$$${1}' }],
      want: { a: 'foo', b: '$foo' },
    },
    'expands named groups in both spellings': {
      input: { a: 'line1\nline2' },
      rules: [
        {
          sourceLabels: ['a'],
          regex: '(line1).*(?P<second>line2)',
          targetLabel: 'l1_${1}',
          replacement: 'v_${second}',
        },
        {
          sourceLabels: ['a'],
          regex: '(line1).*(?P<second>line2)',
          targetLabel: 'l2_$1',
          replacement: 'v_$second',
        },
      ],
      want: { a: 'line1\nline2', l1_line1: 'v_line2', l2_line1: 'v_line2' },
    },
    'takes the target label name from the value': {
      input: { a: 'some-name-value' },
      rules: [
        {
          sourceLabels: ['a'],
          regex: 'some-([^-]+)-([^,]+)',
          targetLabel: '${1}',
          replacement: '${2}',
        },
      ],
      want: { a: 'some-name-value', name: 'value' },
    },
    'skips a target expanding to an invalid name': {
      input: { a: 'some-name-0', b: 'x-y' },
      rules: [
        {
          sourceLabels: ['a'],
          regex: 'some-([^-]+)-([^,]+)',
          targetLabel: '${3}',
          replacement: '${1}',
        },
        {
          sourceLabels: ['a'],
          regex: 'some-([^-]+)-([^,]+)',
          targetLabel: 'n${2}',
          replacement: '${1}',
        },
        { sourceLabels: ['b'], targetLabel: '${1}', replacement: 'z' },
      ],
      want: { a: 'some-name-0', b: 'x-y', n0: 'name' },
    },
    'extracts several labels from one tag list': {
      input: { __meta_sd_tags: 'path:/secret,job:some-job,label:foo=bar' },
      rules: [
        {
          sourceLabels: ['__meta_sd_tags'],
          regex: '(?:.+,|^)path:(/[^,]+).*',
          targetLabel: '__metrics_path__',
        },
        { sourceLabels: ['__meta_sd_tags'], regex: '(?:.+,|^)job:([^,]+).*', targetLabel: 'job' },
        {
          sourceLabels: ['__meta_sd_tags'],
          regex: '(?:.+,|^)label:([^=]+)=([^,]+).*',
          targetLabel: '${1}',
          replacement: '${2}',
        },
      ],
      want: {
        __meta_sd_tags: 'path:/secret,job:some-job,label:foo=bar',
        __metrics_path__: '/secret',
        job: 'some-job',
        foo: 'bar',
      },
    },
  },
  'keep and drop': {
    'drop removes a matching set, skipping later rules': {
      input: { a: 'foo' },
      rules: [
        { sourceLabels: ['a'], regex: '.*o.*', action: 'drop' },
        { sourceLabels: ['a'], targetLabel: 'd' },
      ],
      want: 'dropped',
    },
    'drop keeps a set that does not match': {
      input: { a: 'foo' },
      rules: [{ sourceLabels: ['a'], regex: 'no-match', action: 'drop' }],
      want: { a: 'foo' },
    },
    'drop matches the whole value only': {
      input: { a: 'foo' },
      rules: [{ sourceLabels: ['a'], regex: 'f|o', action: 'drop' }],
      want: { a: 'foo' },
    },
    'keep removes a set that does not match': {
      input: { a: 'foo' },
      rules: [{ sourceLabels: ['a'], regex: 'no-match', action: 'keep' }],
      want: 'dropped',
    },
    'keep keeps a matching set': {
      input: { a: 'foo' },
      rules: [{ sourceLabels: ['a'], regex: 'f.*', action: 'keep' }],
      want: { a: 'foo' },
    },
  },
  'keepequal and dropequal': {
    'keepequal keeps a set whose target equals the sources': {
      input: PORTS,
      rules: [{ sourceLabels: ['__tmp_port'], targetLabel: '__port1', action: 'keepequal' }],
      want: PORTS,
    },
    'keepequal drops a set whose target differs': {
      input: PORTS,
      rules: [{ sourceLabels: ['__tmp_port'], targetLabel: '__port2', action: 'keepequal' }],
      want: 'dropped',
    },
    'dropequal drops a set whose target equals the sources': {
      input: PORTS,
      rules: [{ sourceLabels: ['__tmp_port'], targetLabel: '__port1', action: 'dropequal' }],
      want: 'dropped',
    },
    'dropequal keeps a set whose target differs': {
      input: PORTS,
      rules: [{ sourceLabels: ['__tmp_port'], targetLabel: '__port2', action: 'dropequal' }],
      want: PORTS,
    },
  },
  hashmod: {
    'sets the md5-based shard of the sources': {
      input: ABC,
      rules: [{ sourceLabels: ['c'], targetLabel: 'd', modulus: 1000, action: 'hashmod' }],
      want: { ...ABC, d: '976' },
    },
    'hashes values with newlines too': {
      input: { a: 'foo\nbar' },
      rules: [{ sourceLabels: ['a'], targetLabel: 'b', modulus: 1000, action: 'hashmod' }],
      want: { a: 'foo\nbar', b: '734' },
    },
  },
  labelmap: {
    'copies matching labels under the expanded name': {
      input: { a: 'foo', b1: 'bar', b2: 'baz' },
      rules: [{ regex: '(b.*)', replacement: 'bar_${1}', action: 'labelmap' }],
      want: { a: 'foo', b1: 'bar', b2: 'baz', bar_b1: 'bar', bar_b2: 'baz' },
    },
    'maps meta labels and keeps the originals': {
      input: { a: 'foo', __meta_my_bar: 'aaa', __meta_my_baz: 'bbb', __meta_other: 'ccc' },
      rules: [{ regex: '__meta_(my.*)', replacement: '${1}', action: 'labelmap' }],
      want: {
        a: 'foo',
        __meta_my_bar: 'aaa',
        __meta_my_baz: 'bbb',
        __meta_other: 'ccc',
        my_bar: 'aaa',
        my_baz: 'bbb',
      },
    },
    'lets a label set by an earlier rule win a name clash': {
      input: { b_x: 'base' },
      rules: [
        { targetLabel: 'a_x', replacement: 'added' },
        { regex: '[ab]_(x)', action: 'labelmap' },
      ],
      want: { a_x: 'added', b_x: 'base', x: 'added' },
    },
  },
  'labeldrop and labelkeep': {
    'labelkeep removes labels whose name does not match': {
      input: { a: 'foo', b1: 'bar', b2: 'baz' },
      rules: [{ regex: '(b.*)', action: 'labelkeep' }],
      want: { b1: 'bar', b2: 'baz' },
    },
    'labeldrop removes labels whose name matches': {
      input: { a: 'foo', b1: 'bar', b2: 'baz' },
      rules: [{ regex: '(b.*)', action: 'labeldrop' }],
      want: { a: 'foo' },
    },
    'a label dropped and set again counts as set': {
      input: { __port_name: 'foo', __metrics_port: '9091' },
      rules: [
        { regex: '^__port_name$', action: 'labeldrop' },
        {
          sourceLabels: ['__metrics_port'],
          regex: '(.+)',
          targetLabel: '__port_name',
          replacement: 'metrics',
        },
        { sourceLabels: ['__port_name'], regex: '^metrics$', action: 'keep' },
      ],
      want: { __metrics_port: '9091', __port_name: 'metrics' },
    },
  },
  'lowercase and uppercase': {
    'write the case-mapped sources to the target': {
      input: { foo: 'bAr123Foo' },
      rules: [
        { sourceLabels: ['foo'], targetLabel: 'foo_uppercase', action: 'uppercase' },
        { sourceLabels: ['foo'], targetLabel: 'foo_lowercase', action: 'lowercase' },
      ],
      want: { foo: 'bAr123Foo', foo_lowercase: 'bar123foo', foo_uppercase: 'BAR123FOO' },
    },
    'map one code point at a time, as Go does': {
      input: { a: 'straße', b: 'İΣ' },
      rules: [
        { sourceLabels: ['a'], targetLabel: 'upper', action: 'uppercase' },
        { sourceLabels: ['b'], targetLabel: 'lower', action: 'lowercase' },
      ],
      want: { a: 'straße', b: 'İΣ', upper: 'STRAßE', lower: 'iσ' },
    },
  },
};

describe('relabel', () => {
  describe.each(Object.entries(cases))('%s', (_action, table) => {
    it.each(Object.entries(table))('%s', (_name, c) => {
      expect(run(c)).toEqual(c.want);
    });
  });

  it('returns the labels unchanged without rules', () => {
    const labels = Labels.fromRecord({ __address__: 'a:1', job: 'x' });
    expect(relabel(labels, [])?.equals(labels)).toBe(true);
  });
});
