import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import { InvalidMatcherError, Matcher, compareMatchers, matchesLabels } from './matcher.js';

describe('Matcher', () => {
  it('matches values by each operator', () => {
    expect(new Matcher('=', 'a', 'x').matches('x')).toBe(true);
    expect(new Matcher('=', 'a', 'x').matches('y')).toBe(false);
    expect(new Matcher('!=', 'a', 'x').matches('y')).toBe(true);
    expect(new Matcher('=~', 'a', 'x|y').matches('y')).toBe(true);
    expect(new Matcher('!~', 'a', 'x|y').matches('y')).toBe(false);
    expect(new Matcher('!~', 'a', 'x|y').matches('')).toBe(true);
  });

  it('anchors regexes and keeps Go\'s "." that does not match a line feed', () => {
    const m = new Matcher('=~', 'a', 'b.*');
    expect(m.matches('bcd')).toBe(true);
    expect(m.matches('abc')).toBe(false);
    expect(m.matches('b\nc')).toBe(false);
    expect(new Matcher('=~', 'a', '(?s)b.*').matches('b\nc')).toBe(true);
    expect(new Matcher('=~', 'a', 'x|y').matches('xy')).toBe(false);
  });

  it('refuses a regex RE2 cannot compile', () => {
    expect(() => new Matcher('=~', 'a', '(')).toThrow(InvalidMatcherError);
    expect(() => new Matcher('=~', 'a', '(')).toThrow(/^error parsing regexp: missing \)/);
  });

  it.each([
    [new Matcher('=', 'foo', 'bar'), 'foo="bar"'],
    [new Matcher('=~', 'foo', 'a.*'), 'foo=~"a.*"'],
    [new Matcher('!=', 'foo', 'say "hi"\\\n'), 'foo!="say \\"hi\\"\\\\\\n"'],
    [new Matcher('=', 'a b', 'c'), '"a b"="c"'],
    [new Matcher('!~', 'x,y', 'tab\t'), '"x,y"!~"tab\\t"'],
    [new Matcher('=', 'λ', 'μ'), 'λ="μ"'],
  ])('writes %s as Alertmanager does', (matcher, text) => {
    expect(matcher.toString()).toBe(text);
    expect(JSON.stringify(matcher)).toBe(JSON.stringify(text));
  });

  it('sorts by name, value, then operator', () => {
    const sorted = [
      new Matcher('!~', 'b', 'x'),
      new Matcher('=', 'b', 'x'),
      new Matcher('=', 'a', 'z'),
      new Matcher('=', 'b', 'w'),
    ].sort(compareMatchers);
    expect(sorted.map(String)).toEqual(['a="z"', 'b="w"', 'b="x"', 'b!~"x"']);
  });

  it('matches label sets, an absent label being empty', () => {
    const matchers = [new Matcher('=', 'job', 'api'), new Matcher('!~', 'env', 'dev|test')];
    expect(matchesLabels(matchers, { job: 'api' })).toBe(true);
    expect(matchesLabels(matchers, { job: 'api', env: 'dev' })).toBe(false);
    expect(matchesLabels(matchers, Labels.fromRecord({ job: 'api', env: 'prod' }))).toBe(true);
    expect(matchesLabels(matchers, Labels.fromRecord({ job: 'web' }))).toBe(false);
    expect(matchesLabels([new Matcher('=', 'toString', '')], {})).toBe(true);
    expect(matchesLabels([], {})).toBe(true);
  });
});
