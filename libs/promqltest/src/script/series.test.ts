import { describe, expect, it } from '@jest/globals';
import { FragmentError } from '../errors.js';
import { parseSeriesDescription } from './series.js';

describe('parseSeriesDescription', () => {
  it.each([
    ['up 1', { __name__: 'up' }, 1],
    ['up', { __name__: 'up' }, 0],
    ['{} 1', {}, 1],
    ['up{} 1', { __name__: 'up' }, 1],
    ['ns:rule:sum{a="1",} 1', { __name__: 'ns:rule:sum', a: '1' }, 1],
    ['sum{by="x"} 1', { __name__: 'sum', by: 'x' }, 1],
    ['{__name__="up", job="a"} 1', { __name__: 'up', job: 'a' }, 1],
    ['{"my.metric", "a b"="c"} 1', { __name__: 'my.metric', 'a b': 'c' }, 1],
    ['m{a="x\\"y\\n", b=\'z\', c=`r\\n`} 1', { __name__: 'm', a: 'x"y\n', b: 'z', c: 'r\\n' }, 1],
    // Prometheus drops labels with empty values.
    ['m{a=""} 1', { __name__: 'm' }, 1],
  ])('reads %j', (text, labels, count) => {
    const series = parseSeriesDescription(text);
    expect(series.labels.toRecord()).toEqual(labels);
    expect(series.values).toHaveLength(count);
  });

  it('reports the offset of a bad value within the whole line', () => {
    expect(() => parseSeriesDescription('m{a="b"} 1 x')).toThrow(
      expect.objectContaining({ offset: 11, message: expect.stringMatching(/"x"/) }),
    );
  });

  it.each(['1 2', 'm{a}', 'm{a="b"', 'm{a=b}', 'm{=} 1'])('rejects %j', (text) => {
    expect(() => parseSeriesDescription(text)).toThrow(FragmentError);
  });
});
