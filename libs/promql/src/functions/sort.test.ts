import { describe, expect, it } from '@jest/globals';
import { Labels } from '@promethium/model';
import type { InstantSample } from '../engine/result.js';
import { naturalLess } from './natsort.js';
import { sort, sortByLabel, sortByLabelDesc, sortDesc } from './sort.js';

const s = (record: Record<string, string>, v = 0): InstantSample => ({
  labels: Labels.fromRecord(record),
  t: 0,
  v,
});

describe('sort and sort_desc', () => {
  const input = [s({ a: '1' }, 2), s({ a: '2' }, NaN), s({ a: '3' }, -1), s({ a: '4' }, 5)];
  it('order by value with NaN last both ways', () => {
    expect(sort(input).map((x) => x.v)).toEqual([-1, 2, 5, NaN]);
    expect(sortDesc(input).map((x) => x.v)).toEqual([5, 2, -1, NaN]);
  });
});

describe('naturalLess', () => {
  const cases: [string, string, boolean][] = [
    ['a2', 'a10', true],
    ['a10', 'a2', false],
    ['a', 'a1', true],
    ['a1', 'a', false],
    ['a', 'b', true],
    ['b1', 'a10', false],
    ['x9y', 'x10a', true],
    ['007', '7', false], // equal numbers: neither precedes
    ['7', '007', false],
    ['', 'a', true],
    ['a', 'a', false],
  ];
  it.each(cases)('%p < %p is %p', (a, b, want) => {
    expect(naturalLess(a, b)).toBe(want);
  });
});

describe('sort_by_label', () => {
  const input = [
    s({ __name__: 'm', instance: 'host10', job: 'b' }),
    s({ __name__: 'm', instance: 'host2', job: 'b' }),
    s({ __name__: 'm', instance: 'host2', job: 'a' }),
    s({ __name__: 'm', job: 'c' }),
  ];
  const text = (out: InstantSample[]): string[] => out.map((x) => x.labels.toString());

  it('sorts naturally by the given labels, then by all labels', () => {
    expect(text(sortByLabel(input, ['instance']))).toEqual([
      '{__name__="m", job="c"}',
      '{__name__="m", instance="host2", job="a"}',
      '{__name__="m", instance="host2", job="b"}',
      '{__name__="m", instance="host10", job="b"}',
    ]);
  });

  it('sorts descending, including the full-label tie break', () => {
    expect(text(sortByLabelDesc(input, ['instance']))).toEqual([
      '{__name__="m", instance="host10", job="b"}',
      '{__name__="m", instance="host2", job="b"}',
      '{__name__="m", instance="host2", job="a"}',
      '{__name__="m", job="c"}',
    ]);
  });

  it('uses later labels to break ties', () => {
    expect(text(sortByLabel(input, ['job', 'instance'])).at(0)).toBe(
      '{__name__="m", instance="host2", job="a"}',
    );
  });
});
