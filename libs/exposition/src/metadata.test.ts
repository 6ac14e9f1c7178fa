import { describe, expect, it } from '@jest/globals';
import { parsePrometheusText } from './parse.js';

describe('HELP and TYPE', () => {
  it('collects type and help by metric name', () => {
    const { metadata } = parsePrometheusText(
      [
        '# HELP a_total Requests.',
        '# TYPE a_total counter',
        '# TYPE b gauge',
        '# HELP c Only help.',
        '# HELP d',
        '# HELP e   leading blanks go, trailing stay  ',
        '# HELP f back\\\\slash, new\\nline, kept \\t and \\',
        '# TYPE g untyped',
      ].join('\n'),
    );
    expect(Object.fromEntries(metadata)).toEqual({
      a_total: { type: 'counter', help: 'Requests.' },
      b: { type: 'gauge' },
      c: { type: 'untyped', help: 'Only help.' },
      d: { type: 'untyped', help: '' },
      e: { type: 'untyped', help: 'leading blanks go, trailing stay  ' },
      f: { type: 'untyped', help: 'back\\slash, new\nline, kept \\t and \\' },
      g: { type: 'untyped' },
    });
    expect(metadata.get('b')).not.toHaveProperty('help');
  });

  it.each([
    ['TYPE after samples of another metric', 'a 1\n# TYPE b counter\nb 1'],
    ['TYPE after HELP', '# HELP a x\n# TYPE a counter\na 1'],
    ['HELP after TYPE and samples', '# TYPE a counter\na 1\n# HELP a x'],
    ['histogram TYPE after unrelated _bucket samples', 'h_bucket{le="1"} 1\n# TYPE h histogram'],
    [
      'a counter named like a histogram part',
      '# TYPE h histogram\nh_count 1\n# TYPE h_count counter',
    ],
    [
      'summary parts, then a TYPE for an unrelated _bucket',
      '# TYPE s summary\ns_sum 1\n# TYPE s_bucket gauge',
    ],
  ])('accepts %s', (_, body) => {
    expect(() => parsePrometheusText(body)).not.toThrow();
  });

  it.each([
    ['a histogram', '# TYPE h histogram\nh_sum 1\n# TYPE h histogram'],
    ['a histogram, by its _bucket', '# TYPE h histogram\nh_bucket{le="1"} 1\n# TYPE h gauge'],
    ['a summary, by its _count', '# TYPE s summary\ns_count 1\n# TYPE s summary'],
  ])('counts the parts of %s as its samples', (_, body) => {
    expect(() => parsePrometheusText(body)).toThrow(/line 3, column 8: second TYPE line/);
  });

  it('refuses a TYPE for a family whose samples came first', () => {
    expect(() => parsePrometheusText('s_sum 1\ns 2\n# TYPE s summary')).toThrow(
      /line 3, column 8: TYPE line for metric name "s" after samples/,
    );
  });
});

describe('le and quantile normalisation (Prometheus 3)', () => {
  const labelOf = (body: string, name: string) =>
    parsePrometheusText(body).samples.map((s) => s.labels.get(name));

  it('rewrites histogram le values to one spelling per number', () => {
    const body = ['1', '0.5', '1e6', '+Inf', 'inf', '10.000', 'abc', '0x1p3']
      .map((le) => `h_bucket{le="${le}"} 1`)
      .join('\n');
    expect(labelOf('# TYPE h histogram\n' + body, 'le')).toEqual([
      '1.0',
      '0.5',
      '1e+06',
      '+Inf',
      '+Inf',
      '10.0',
      'abc',
      '0x1p3',
    ]);
  });

  it('rewrites summary quantiles', () => {
    const body = '# TYPE s summary\ns{quantile="1"} 1\ns{quantile="0.99"} 1\ns{quantile="0"} 1';
    expect(labelOf(body, 'quantile')).toEqual(['1.0', '0.99', '0.0']);
  });

  it.each([
    ['an untyped metric', 'h_bucket{le="1"} 1'],
    ['a gauge', '# TYPE h_bucket gauge\nh_bucket{le="1"} 1'],
    ['a histogram quantile label', '# TYPE h histogram\nh_bucket{quantile="1"} 1'],
    ['a summary le label', '# TYPE s summary\ns{le="1"} 1'],
  ])('leaves %s alone', (_, body) => {
    const labels = parsePrometheusText(body).samples[0]!.labels;
    expect(labels.get('le') || labels.get('quantile')).toBe('1');
  });
});
