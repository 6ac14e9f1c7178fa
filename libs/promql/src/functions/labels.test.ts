import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import { FunctionArgumentError } from './errors.js';
import { labelJoin } from './label-join.js';
import { labelReplace, type RegexCompiler } from './label-replace.js';
import { expandTemplate } from './regex-expand.js';

// A hand-written stand-in for RE2: JavaScript regexes agree with RE2 on these patterns.
const jsRegex: RegexCompiler = (source) => new RegExp(source, 'su');

const sample = (record: Record<string, string>): InstantSample => ({
  labels: Labels.fromRecord(record),
  t: 0,
  v: 1,
});
const src = sample({ __name__: 'm', src: 'source-value-10', dst: 'original' });

describe('label_replace', () => {
  const cases: [string, string, string, string, string, string][] = [
    ['full match', 'dst', 'destination-$1', 'src', 'source-value-(.*)', 'destination-10'],
    ['no substring match', 'dst', 'x-$1', 'src', 'value-(.*)', 'original'],
    ['several groups', 'dst', '$2/$1', 'src', '(.*)-value-(.*)', '10/source'],
    ['named groups', 'dst', '${num}!', 'src', 'source-value-(?<num>.*)', '10!'],
    ['absent source matches empty regex', 'dst', 'set', 'nope', '(.*)', 'set'],
    ['absent source, non-empty regex', 'dst', 'set', 'nope', '.+', 'original'],
    ['new label', 'new', '$1', 'src', 'source-(.*)-10', 'value'],
    ['dot matches newline', 'dst', 'nl', 'src', 'source.value.*', 'nl'],
  ];
  it.each(cases)('%s', (_name, dst, replacement, source, regex, want) => {
    const [out] = labelReplace([src], { dst, replacement, src: source, regex }, jsRegex);
    expect(out!.labels.get(dst)).toBe(want);
    expect(out!.labels.get('__name__')).toBe('m');
  });

  it('removes the destination when the replacement is empty', () => {
    const [out] = labelReplace(
      [src],
      { dst: 'dst', replacement: '', src: 'dst', regex: '.*' },
      jsRegex,
    );
    expect(out!.labels.has('dst')).toBe(false);
  });

  it('fails on an invalid regex or destination, as Prometheus words it', () => {
    expect(() =>
      labelReplace([src], { dst: 'dst', replacement: '', src: 'src', regex: '(.*' }, jsRegex),
    ).toThrow('invalid regular expression in label_replace(): (.*');
    expect(() =>
      labelReplace([src], { dst: '\uDCFF', replacement: '', src: 'src', regex: '(.*)' }, jsRegex),
    ).toThrow('invalid destination label name in label_replace(): \uDCFF');
    expect(() =>
      labelReplace([], { dst: '', replacement: '', src: 'src', regex: '' }, jsRegex),
    ).toThrow(FunctionArgumentError);
  });
});

describe('expandTemplate (Go Regexp.Expand rules)', () => {
  const match = Object.assign(['ab-cd', 'ab', 'cd'], { groups: { word: 'ab' } });
  const cases: [string, string][] = [
    ['$1-$2', 'ab-cd'],
    ['${1}x', 'abx'],
    ['$1x', ''], // the name is "1x", which no group has
    ['$$1', '$1'],
    ['cost: $', 'cost: $'],
    ['${1', '${1'], // missing brace: the dollar stays literal
    ['$9', ''],
    ['$01', ''], // leading zeros make it a (missing) name
    ['${word}s', 'abs'],
    ['$word', 'ab'],
    ['$-', '$-'],
  ];
  it.each(cases)('%p → %p', (template, want) => {
    expect(expandTemplate(template, match)).toBe(want);
  });
});

describe('label_join', () => {
  const input = sample({ __name__: 'm', a: 'x', b: 'y', dst: 'old' });

  it('joins the values, absent ones as empty', () => {
    const [out] = labelJoin([input], { dst: 'dst', separator: '-', src: ['a', 'missing', 'b'] });
    expect(out!.labels.get('dst')).toBe('x--y');
    expect(out!.labels.get('__name__')).toBe('m');
  });

  it('removes the destination when nothing is joined', () => {
    const [out] = labelJoin([input], { dst: 'dst', separator: ',', src: [] });
    expect(out!.labels.has('dst')).toBe(false);
  });

  it('fails on invalid label names', () => {
    expect(() => labelJoin([input], { dst: '', separator: '', src: ['a'] })).toThrow(
      'invalid destination label name in label_join(): ',
    );
    expect(() => labelJoin([input], { dst: '', separator: '', src: ['\uD800'] })).toThrow(
      'invalid source label name in label_join(): \uD800',
    );
  });
});
