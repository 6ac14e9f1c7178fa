import { describe, expect, it } from '@jest/globals';
import { InvalidRegexError, Matcher, matchesAll } from './matcher.js';
import { Labels } from './labels.js';

describe('Matcher', () => {
  it.each([
    ['=', 'foo', 'foo', true],
    ['=', 'foo', 'bar', false],
    ['=', '', '', true],
    ['!=', 'foo', 'bar', true],
    ['!=', 'foo', 'foo', false],
    ['=~', 'fo+', 'foo', true],
    ['=~', 'fo+', 'xfoo', false],
    ['=~', 'fo+', 'foox', false],
    ['=~', 'a|b', 'b', true],
    ['=~', 'a.b', 'a\nb', true],
    ['=~', '.*', '', true],
    ['!~', 'fo+', 'foo', false],
    ['!~', 'fo+', 'bar', true],
  ] as const)('%s %j against %j is %s', (type, value, input, want) => {
    expect(new Matcher(type, 'l', value).matches(input)).toBe(want);
  });

  it('rejects a regex RE2 cannot compile, naming it', () => {
    expect(() => new Matcher('=~', 'l', '(a')).toThrow(InvalidRegexError);
    expect(() => new Matcher('=~', 'l', '(a')).toThrow(/"\(a"/);
  });

  it('treats an absent label as the empty value', () => {
    const labels = Labels.fromRecord({ job: 'x' });
    expect(matchesAll([new Matcher('=', 'env', '')], labels)).toBe(true);
    expect(matchesAll([new Matcher('!=', 'env', '')], labels)).toBe(false);
    expect(matchesAll([new Matcher('=', 'job', 'x'), new Matcher('=~', 'env', '.+')], labels)).toBe(
      false,
    );
  });

  it('renders the text form', () => {
    expect(new Matcher('=~', 'job', 'a"b').toString()).toBe('job=~"a\\"b"');
  });
});
