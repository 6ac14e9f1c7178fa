import { describe, expect, it } from '@jest/globals';
import { InvalidSubjectError } from './errors.js';
import { checkPublishSubject, subjectMatches } from './subject-syntax.js';
import { encodeSubjectToken, isDurableSubject, subjects } from './subjects.js';

describe('subjects', () => {
  it.each([
    ['node', 'node'],
    ['api-server_2', 'api-server_2'],
    ['a.b', 'a%2Eb'],
    ['two words', 'two%20words'],
    ['*', '%2A'],
    ['>', '%3E'],
    ['50%', '50%25'],
    ['tab\there', 'tab%09here'],
    ['ü', '%C3%BC'],
    ['📈', '%F0%9F%93%88'],
  ])('encodes job %j as the token %j', (job, token) => {
    expect(subjects.targets(job)).toBe(`prm.targets.v1.${token}`);
  });

  it('gives distinct jobs distinct, valid, concrete subjects matched by allTargets', () => {
    const jobs = ['a', 'A', 'a.b', 'a_b', 'a-b', 'a%2Eb', 'a b', 'a*', 'a>', 'ü', 'u\u0308', '%'];
    const subs = jobs.map(subjects.targets);
    expect(new Set(subs).size).toBe(jobs.length);
    for (const s of subs) {
      expect(() => checkPublishSubject(s)).not.toThrow();
      expect(subjectMatches(subjects.allTargets, s)).toBe(true);
    }
  });

  it('refuses an empty job and shards that are not non-negative integers', () => {
    expect(() => encodeSubjectToken('')).toThrow(InvalidSubjectError);
    for (const shard of [-1, 1.5, Number.NaN, Infinity])
      expect(() => subjects.write(shard)).toThrow(/shard must be a non-negative integer/);
    expect(subjects.write(3)).toBe('prm.write.v1.3');
    expect(subjects.select(0)).toBe('prm.select.v1.0');
    expect(subjects.labels(2)).toBe('prm.labels.v1.2');
    expect(subjects.tsdbStats(1)).toBe('prm.tsdbstats.v1.1');
    expect(() => subjects.labels(-1)).toThrow(/shard must be a non-negative integer/);
  });

  it('treats exactly the write subjects as durable', () => {
    expect(isDurableSubject(subjects.write(7))).toBe(true);
    expect(isDurableSubject('prm.write.v1.*')).toBe(true);
    expect(isDurableSubject(subjects.select(7))).toBe(false);
    expect(isDurableSubject(subjects.labels(7))).toBe(false);
    expect(isDurableSubject(subjects.tsdbStats(7))).toBe(false);
    expect(isDurableSubject('prm.write.v2.1')).toBe(false);
    expect(isDurableSubject('prm.write.v1')).toBe(false);
  });
});
