import { describe, expect, it } from '@jest/globals';
import { Labels, Matcher } from '@promethium/model';
import { dropsMetricName } from './names.js';
import { absentLabels, scalar, vector } from './vector.js';

describe('vector and scalar', () => {
  it('vector wraps a scalar into one label-less sample', () => {
    expect(vector(3, 1000)).toEqual([{ labels: Labels.EMPTY, t: 1000, v: 3 }]);
  });

  it('scalar needs exactly one sample', () => {
    const one = { labels: Labels.EMPTY, t: 0, v: 4 };
    expect(scalar([one])).toBe(4);
    expect(scalar([])).toBeNaN();
    expect(scalar([one, one])).toBeNaN();
  });
});

describe('absentLabels', () => {
  const cases: [string, Matcher[], string][] = [
    [
      'equality matchers become labels',
      [new Matcher('=', '__name__', 'm'), new Matcher('=', 'job', 'a')],
      '{job="a"}',
    ],
    ['other matchers do not', [new Matcher('=~', 'job', 'a.*'), new Matcher('!=', 'x', 'y')], '{}'],
    [
      'a name matched twice is dropped',
      [new Matcher('=', 'job', 'a'), new Matcher('=', 'job', 'b'), new Matcher('=', 'i', '1')],
      '{i="1"}',
    ],
    [
      'a regex after equality removes it',
      [new Matcher('=', 'job', 'a'), new Matcher('=~', 'job', 'a')],
      '{}',
    ],
  ];
  it.each(cases)('%s', (_name, matchers, want) => {
    expect(absentLabels(matchers).toString()).toBe(want);
  });
});

describe('dropsMetricName', () => {
  const cases: [string, boolean][] = [
    ['rate', true],
    ['abs', true],
    ['histogram_quantile', true],
    ['sum_over_time', true],
    ['last_over_time', false],
    ['first_over_time', false],
    ['sort', false],
    ['sort_by_label_desc', false],
    ['label_replace', false],
    ['vector', false],
  ];
  it.each(cases)('%s → %p', (name, drops) => {
    expect(dropsMetricName.has(name)).toBe(drops);
  });
});
