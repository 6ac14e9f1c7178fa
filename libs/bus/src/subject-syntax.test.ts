import { describe, expect, it } from '@jest/globals';
import {
  checkConsumerName,
  checkFilterSubject,
  checkPublishSubject,
  subjectMatches,
} from './subject-syntax.js';

describe('subjectMatches', () => {
  it.each([
    ['a.b', 'a.b', true],
    ['a.b', 'a.c', false],
    ['a.*', 'a.b', true],
    ['a.*', 'a', false],
    ['a.*', 'a.b.c', false],
    ['*.b', 'a.b', true],
    ['a.>', 'a.b', true],
    ['a.>', 'a.b.c', true],
    ['a.>', 'a', false],
    ['>', 'a', true],
    ['a.*.c.>', 'a.x.c.d.e', true],
    ['a.*.c.>', 'a.x.d.d', false],
    ['a', 'a.b', false],
  ])('%s against %s is %s', (filter, subject, want) => {
    expect(subjectMatches(filter, subject)).toBe(want);
  });
});

describe('subject checks', () => {
  it.each([
    ['', /empty/],
    ['a..b', /empty token at position 1/],
    ['.a', /empty token at position 0/],
    ['a.', /empty token at position 1/],
    ['a b', /whitespace/],
    ['a\nb', /whitespace/],
  ])('refuses %j everywhere', (subject, message) => {
    expect(() => checkPublishSubject(subject)).toThrow(message);
    expect(() => checkFilterSubject(subject)).toThrow(message);
  });

  it('allows wildcards only in filters, and > only last', () => {
    expect(() => checkPublishSubject('a.*')).toThrow(/wildcard at token 1/);
    expect(() => checkPublishSubject('a.>')).toThrow(/wildcard/);
    expect(() => checkPublishSubject('a*b.c>')).not.toThrow();
    expect(() => checkFilterSubject('a.*.>')).not.toThrow();
    expect(() => checkFilterSubject('a.>.b')).toThrow(/last token/);
  });

  it.each(['a.b', 'a b', '', 'a*', 'x'.repeat(65)])('refuses the consumer name %j', (name) => {
    expect(() => checkConsumerName(name)).toThrow(/consumer name/);
  });
});
