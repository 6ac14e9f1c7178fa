import { describe, expect, it } from '@jest/globals';
import { Labels, compareLabels } from './labels.js';

describe('Labels', () => {
  it('sorts by name, drops empty values, keeps the last duplicate', () => {
    const l = Labels.fromPairs([
      ['job', 'a'],
      ['__name__', 'up'],
      ['empty', ''],
      ['job', 'b'],
    ]);
    expect([...l]).toEqual([
      ['__name__', 'up'],
      ['job', 'b'],
    ]);
    expect(l.toString()).toBe('{__name__="up", job="b"}');
    expect(l.name).toBe('up');
    expect(l.get('missing')).toBe('');
  });

  it('gives equal sets equal keys and hashes regardless of input order', () => {
    const a = Labels.fromRecord({ a: '1', b: '2' });
    const b = Labels.fromRecord({ b: '2', a: '1' });
    expect(a.equals(b)).toBe(true);
    expect(a.hash()).toBe(b.hash());
    expect(a.hash()).not.toBe(Labels.fromRecord({ a: '1', b: '3' }).hash());
  });

  it('gives equal sets equal hash codes and compares them pair by pair', () => {
    const a = Labels.fromRecord({ a: '1', b: '2' });
    const b = Labels.fromRecord({ b: '2', a: '1' });
    expect(a.hashCode()).toBe(b.hashCode());
    expect(Number.isInteger(a.hashCode()) && a.hashCode() >= 0).toBe(true);
    expect(a.hashCode()).toBeLessThan(2 ** 30);
    expect(a.equalPairs(b)).toBe(true);
    expect(a.equalPairs(Labels.fromRecord({ a: '1', b: '3' }))).toBe(false);
    expect(a.equalPairs(Labels.fromRecord({ a: '1', c: '2' }))).toBe(false);
    expect(a.equalPairs(Labels.fromRecord({ a: '1' }))).toBe(false);
    const boundary = Labels.fromRecord({ a: 'b', c: 'd' });
    expect(boundary.hashCode()).not.toBe(Labels.fromRecord({ a: 'bc', d: 'x' }).hashCode());
  });

  it('does not confuse label boundaries', () => {
    const a = Labels.fromRecord({ a: 'b', c: 'd' });
    const b = Labels.fromRecord({ a: 'bc', d: '' });
    expect(a.key()).not.toBe(b.key());
    expect(a.hash()).not.toBe(b.hash());
  });

  it('gives each pair by its position in name order', () => {
    const l = Labels.fromRecord({ b: '2', a: '1' });
    expect([l.pairAt(0), l.pairAt(1)]).toEqual([...l]);
    expect(() => l.pairAt(2)).toThrow(RangeError);
    expect(() => Labels.EMPTY.pairAt(0)).toThrow(RangeError);
  });

  it('escapes values in the text form', () => {
    expect(Labels.fromRecord({ a: 'x"y\\z\n' }).toString()).toBe('{a="x\\"y\\\\z\\n"}');
  });

  it('derives new sets without changing the original', () => {
    const base = Labels.fromRecord({ a: '1', b: '2' });
    expect(base.with('c', '3').toRecord()).toEqual({ a: '1', b: '2', c: '3' });
    expect(base.with('a', '').toRecord()).toEqual({ b: '2' });
    expect(base.without('a').toRecord()).toEqual({ b: '2' });
    expect(base.toRecord()).toEqual({ a: '1', b: '2' });
  });

  it.each([
    [{ a: '1' }, { a: '1' }, 0],
    [{ a: '1' }, { a: '2' }, -1],
    [{ a: '1' }, { a: '1', b: '1' }, -1],
    [{ b: '1' }, { a: '1', b: '1' }, 1],
  ])('compares %j with %j as %i', (x, y, want) => {
    expect(compareLabels(Labels.fromRecord(x), Labels.fromRecord(y))).toBe(want);
  });
});
